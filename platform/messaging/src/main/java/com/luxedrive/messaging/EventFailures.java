package com.luxedrive.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RetryListener;

/**
 * Counts, per topic, the deliveries of a record that failed ({@code luxe.events.failed}: a partition stuck behind a
 * record failing for ever fails on every retry, while its lag may stay small for weeks on a quiet topic) and the
 * records given up on and skipped ({@code luxe.events.skipped}: an event some consumer never applied). Both are
 * alerted on (k8s/observability/prometheus-rules.yaml).
 */
final class EventFailures implements RetryListener {

    private final MeterRegistry meters;

    EventFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        counter("luxe.events.failed", "Deliveries of a record whose handling failed (each retry counts)", record)
                .increment();
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        counter("luxe.events.skipped", "Records given up on: logged and skipped, never applied", record).increment();
    }

    private Counter counter(String name, String description, ConsumerRecord<?, ?> record) {
        return Counter.builder(name).description(description).tag("topic", record.topic()).register(meters);
    }
}
