package com.luxedrive.testsupport;

import com.luxedrive.events.CloudEventHeaders;
import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Watches a topic from the moment it is opened: what a test's action publishes can then be read back and asserted.
 * Call {@link #records()} inside Awaitility; it returns everything seen so far.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicProbe(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    public static TopicProbe open(String topic) {
        return new TopicProbe(topic);
    }

    public synchronized List<ConsumerRecord<String, byte[]>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** The payloads of the events of one type seen so far, in order. */
    public <T extends DomainEvent> List<T> events(Class<T> type) {
        String ceType = EventCatalog.typeOf(type);
        return records().stream()
                .filter(record -> {
                    Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    return header != null && ceType.equals(new String(header.value(), StandardCharsets.UTF_8));
                })
                .map(record -> EventJson.read(record.value(), type))
                .toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
