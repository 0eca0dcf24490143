package com.luxedrive.realtime.delivery;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Ready only once the push consumer holds its partitions: its group starts at the latest offset, so an instance
 * that took traffic before that could miss a notification sent in between.
 */
@Component("pushConsumer")
class PushConsumerHealth implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    PushConsumerHealth(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        MessageListenerContainer container = registry.getListenerContainer(NotificationPushHandler.LISTENER_ID);
        if (container == null || !container.isRunning()) {
            return Health.down().withDetail("reason", "not running").build();
        }
        var assigned = container.getAssignedPartitions();
        return assigned == null || assigned.isEmpty()
                ? Health.down().withDetail("reason", "no partitions assigned yet").build()
                : Health.up().withDetail("partitions", assigned.size()).build();
    }
}
