package com.luxedrive.messaging;

import com.luxedrive.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RetryListener;

/**
 * Counts, per topic, the deliveries of a record that failed ({@code luxe.events.failed}: a partition stuck behind a
 * record failing for ever fails on every retry, while its lag may stay small for weeks on a quiet topic) and the
 * records given up on and skipped ({@code luxe.events.skipped}: an event some consumer never applied). Both are
 * alerted on (k8s/observability/prometheus-rules.yaml), and so exist from the start at zero for every topic: a
 * counter first scraped at 1 shows no increase, and a single skip would never raise the alert.
 */
final class EventFailures implements RetryListener {

    private final MeterRegistry meters;

    EventFailures(MeterRegistry meters) {
        this.meters = meters;
        for (String topic : Topics.ALL) {
            failed(topic);
            skipped(topic);
        }
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        failed(record.topic()).increment();
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        skipped(record.topic()).increment();
    }

    private Counter failed(String topic) {
        return Counter.builder("luxe.events.failed")
                .description("Deliveries of a record whose handling failed (each retry counts)")
                .tag("topic", topic).register(meters);
    }

    private Counter skipped(String topic) {
        return Counter.builder("luxe.events.skipped")
                .description("Records given up on: logged and skipped, never applied")
                .tag("topic", topic).register(meters);
    }
}
