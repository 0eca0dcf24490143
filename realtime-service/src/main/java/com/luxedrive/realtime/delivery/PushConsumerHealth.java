package com.luxedrive.realtime.delivery;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Ready only once every consumer holds its partitions: the per-instance groups start at the latest offset, so an
 * instance that took sockets before that could miss a notification, or a logout, sent in between.
 */
@Component("pushConsumer")
class PushConsumerHealth implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    PushConsumerHealth(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            var assigned = container.getAssignedPartitions();
            if (!container.isRunning() || assigned == null || assigned.isEmpty()) {
                return Health.down().withDetail(container.getListenerId(), "no partitions assigned yet").build();
            }
            health.withDetail(container.getListenerId(), assigned.size() + " partitions");
        }
        return health.build();
    }
}
