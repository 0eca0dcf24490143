package com.luxedrive.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code luxe.outbox.backlog} (events written but not yet on Kafka) and {@code luxe.outbox.oldest.age} (seconds the
 * oldest of them has waited): a backlog that grows, or an age that keeps rising, means the relay cannot publish.
 * {@code luxe.outbox.set.aside}: events the broker refused for good, kept aside for an operator (OutboxRelay).
 * Read from the tables at most every few seconds, however often they are scraped.
 */
public class OutboxMetrics {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private Instant readAt = Instant.MIN;
    private long backlog;
    private double oldestAgeSeconds;
    private long setAside;

    OutboxMetrics(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("luxe.outbox.backlog", this, metrics -> metrics.read().backlog)
                .description("Events in the outbox not yet published to Kafka")
                .register(meters);
        Gauge.builder("luxe.outbox.oldest.age", this, metrics -> metrics.read().oldestAgeSeconds)
                .description("How long the oldest unpublished outbox event has waited")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("luxe.outbox.set.aside", this, metrics -> metrics.read().setAside)
                .description("Events the broker refused for good, set aside in outbox_set_aside for an operator")
                .register(meters);
    }

    private synchronized OutboxMetrics read() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESH_FOR) < 0) {
            return this;
        }
        try {
            jdbc.sql("""
                            SELECT count(*), coalesce(extract(epoch FROM now() - min(occurred_at)), 0),
                                   (SELECT count(*) FROM outbox_set_aside)
                            FROM outbox_event""")
                    .query((rs, row) -> {
                        backlog = rs.getLong(1);
                        oldestAgeSeconds = rs.getDouble(2);
                        setAside = rs.getLong(3);
                        return null;
                    })
                    .list();
            readAt = now;
        } catch (RuntimeException databaseAway) {
            // the last values stand; the database's own health check reports the outage
        }
        return this;
    }
}
