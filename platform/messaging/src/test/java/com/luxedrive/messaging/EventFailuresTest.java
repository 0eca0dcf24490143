package com.luxedrive.messaging;

import com.luxedrive.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters the alerts read exist at zero before anything fails: a counter first scraped at 1 shows no increase,
 * and the first skipped record would never raise its alert.
 */
class EventFailuresTest {

    @Test
    void everyTopicsCountersStartAtZeroAndCountWhatHappensToItsRecords() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EventFailures failures = new EventFailures(meters);

        for (String topic : Topics.ALL) {
            assertThat(meters.get("luxe.events.retried").tag("topic", topic).counter().count()).isZero();
            assertThat(meters.get("luxe.events.skipped").tag("topic", topic).counter().count()).isZero();
        }

        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.USERS, 0, 42L, "key", new byte[0]);
        // a record failing, then failing again on two retries: the retries count
        failures.failedDelivery(record, new IllegalStateException("database away"), 1);
        failures.failedDelivery(record, new IllegalStateException("database away"), 2);
        failures.failedDelivery(record, new IllegalStateException("database away"), 3);
        // a record refused at its first failure: skipped, never retried
        failures.failedDelivery(record, new IllegalArgumentException("incomplete"), 1);
        failures.recovered(record, new IllegalArgumentException("incomplete"));

        assertThat(meters.get("luxe.events.retried").tag("topic", Topics.USERS).counter().count()).isEqualTo(2);
        assertThat(meters.get("luxe.events.skipped").tag("topic", Topics.USERS).counter().count()).isEqualTo(1);
        assertThat(meters.get("luxe.events.skipped").tag("topic", Topics.RECEIPTS).counter().count()).isZero();
    }
}
