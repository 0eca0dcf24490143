package com.luxedrive.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes a handler idempotent: call {@link #firstDelivery} in the handler's transaction and apply the event only
 * when it answers true. A redelivered event then changes nothing, and a rolled-back handling is retried.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProcessedEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The record as an envelope when this consumer has not applied it yet; empty for a redelivery. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EventEnvelope> firstDelivery(String consumer, ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        return firstDelivery(consumer, envelope.id()) ? Optional.of(envelope) : Optional.empty();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return jdbc.sql("""
                        INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(consumer, eventId, Timestamp.from(clock.instant()))
                .update() == 1;
    }
}
