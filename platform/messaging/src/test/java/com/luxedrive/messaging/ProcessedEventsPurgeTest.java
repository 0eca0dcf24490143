package com.luxedrive.messaging;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@RealInfrastructure
class ProcessedEventsPurgeTest {

    @Autowired
    ProcessedEventsPurge purge;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void appliedEventsOlderThanTheRetentionAreForgottenInBatchesAndRecentOnesStillStopRedeliveries() {
        String consumer = "purge-test-" + UUID.randomUUID();
        // more than one batch of old rows, and rows inside the 14 days kept
        Instant old = Instant.now().minus(Duration.ofDays(15));
        jdbc.sql("""
                        INSERT INTO processed_event (consumer, event_id, processed_at)
                        SELECT ?, gen_random_uuid(), ? FROM generate_series(1, 12000)""")
                .params(consumer, Timestamp.from(old))
                .update();
        List<UUID> recent = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        recent.forEach(id -> assertThat(firstDelivery(consumer, id)).isTrue());
        jdbc.sql("UPDATE processed_event SET processed_at = ? WHERE consumer = ? AND event_id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(13))), consumer, recent.get(0))
                .update();

        purge.purge();

        assertThat(jdbc.sql("SELECT event_id FROM processed_event WHERE consumer = ?").param(consumer)
                .query(UUID.class).list()).containsExactlyInAnyOrderElementsOf(recent);
        // what is kept still makes a redelivery a no-op
        recent.forEach(id -> assertThat(firstDelivery(consumer, id)).isFalse());
        assertThat(purge.purge()).isZero();
    }

    private boolean firstDelivery(String consumer, UUID eventId) {
        return Boolean.TRUE.equals(transactions.execute(tx -> processed.firstDelivery(consumer, eventId)));
    }
}
