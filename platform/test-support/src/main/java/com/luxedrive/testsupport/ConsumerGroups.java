package com.luxedrive.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Waits until a consumer group has committed every record on a topic — how a test knows that an event which
 * must change nothing has been handled, without sleeping.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    public static void awaitCaughtUp(String groupId, String topic, Duration atMost) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafkaBootstrapServers()))) {
            await().atMost(atMost).until(() -> caughtUp(admin, groupId, topic));
        }
    }

    private static boolean caughtUp(Admin admin, String groupId, String topic)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        var ends = admin.listOffsets(partitions).all().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || (committed.get(end.getKey()) != null
                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
    }
}
