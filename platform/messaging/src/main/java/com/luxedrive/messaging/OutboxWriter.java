package com.luxedrive.messaging;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/** Records an event in the caller's transaction; it is published only if that transaction commits. */
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxRelay relay;
    private final TraceParent traceParent;

    OutboxWriter(JdbcClient jdbc, Clock clock, OutboxRelay relay, TraceParent traceParent) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.relay = relay;
        this.traceParent = traceParent;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(DomainEvent event) {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at,
                                                  trace_parent)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(eventId, EventCatalog.topicOf(event.getClass()), event.key(),
                        EventCatalog.typeOf(event.getClass()), EventJson.write(event), Timestamp.from(clock.instant()),
                        traceParent.get())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return eventId;
    }
}
