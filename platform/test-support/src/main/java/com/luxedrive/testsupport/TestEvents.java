package com.luxedrive.testsupport;

import com.luxedrive.events.CloudEventHeaders;
import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Publishes an event as another service's outbox relay would: same topic, key, CloudEvents headers and JSON. */
public final class TestEvents {

    private static volatile KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    /** @return the event's {@code ce_id} */
    public static UUID publish(DomainEvent event) {
        return publish(event, UUID.randomUUID());
    }

    /** Publishes with a chosen {@code ce_id}, e.g. to redeliver the same event. */
    public static UUID publish(DomainEvent event, UUID eventId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventCatalog.topicOf(event.getClass()),
                event.key(), EventJson.write(event));
        header(record, CloudEventHeaders.ID, eventId.toString());
        header(record, CloudEventHeaders.TYPE, EventCatalog.typeOf(event.getClass()));
        header(record, CloudEventHeaders.SOURCE, "test");
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + event, e.getCause());
        }
        return eventId;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
