package com.luxedrive.messaging;

import com.luxedrive.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RetryListener;

/**
 * Counts, per topic, the retries that failed again ({@code luxe.events.retried}: a partition stuck behind a record
 * failing for ever fails on every retry, while its lag may stay small for weeks on a quiet topic; a record skipped at
 * its first failure, or one that passes on its first retry, is not counted there) and the records given up on and
 * skipped ({@code luxe.events.skipped}: an event some consumer never applied). Both are
 * alerted on (k8s/observability/prometheus-rules.yaml), and so exist from the start at zero for every topic: a
 * counter first scraped at 1 shows no increase, and a single skip would never raise the alert.
 */
final class EventFailures implements RetryListener {

    private final MeterRegistry meters;

    EventFailures(MeterRegistry meters) {
        this.meters = meters;
        for (String topic : Topics.ALL) {
            retried(topic);
            skipped(topic);
        }
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        if (deliveryAttempt > 1) {
            retried(record.topic()).increment();
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        skipped(record.topic()).increment();
    }

    private Counter retried(String topic) {
        return Counter.builder("luxe.events.retried")
                .description("Retries of a record that failed again")
                .tag("topic", topic).register(meters);
    }

    private Counter skipped(String topic) {
        return Counter.builder("luxe.events.skipped")
                .description("Records given up on: logged and skipped, never applied")
                .tag("topic", topic).register(meters);
    }
}
