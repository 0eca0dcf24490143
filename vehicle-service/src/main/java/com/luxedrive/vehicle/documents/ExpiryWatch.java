package com.luxedrive.vehicle.documents;

import com.luxedrive.events.vehicles.DocumentExpiringSoon;
import com.luxedrive.messaging.OutboxWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Announces each document whose expiry date is near, once. Every replica runs the check; {@code SKIP LOCKED} lets
 * them share the work without announcing a document twice, and a check missed while all were down runs at the next.
 */
@Component
class ExpiryWatch {

    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final DocumentProperties properties;
    private final Clock clock;

    ExpiryWatch(JdbcClient jdbc, OutboxWriter outbox, TransactionTemplate transactions,
                DocumentProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${luxe.documents.expiry-check-every:1h}",
            fixedDelayString = "${luxe.documents.expiry-check-every:1h}")
    void check() {
        announceDue();
    }

    /** @return how many documents were announced */
    int announceDue() {
        int announced = 0;
        for (int batch = announceBatch(); batch > 0; batch = announceBatch()) {
            announced += batch;
        }
        return announced;
    }

    private int announceBatch() {
        LocalDate horizon = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plus(properties.expiryWarning());
        Integer count = transactions.execute(status -> {
            List<DocumentExpiringSoon> due = jdbc.sql("""
                            SELECT d.id, d.vehicle_id, v.owner_id, d.document_type, d.expires_on
                            FROM documents d JOIN vehicles v ON v.id = d.vehicle_id
                            WHERE d.expiry_announced_at IS NULL AND d.expires_on IS NOT NULL AND d.expires_on <= ?
                              AND d.status <> 'rejected'
                            ORDER BY d.expires_on
                            LIMIT ?
                            FOR UPDATE OF d SKIP LOCKED""")
                    .params(horizon, BATCH)
                    .query((rs, row) -> new DocumentExpiringSoon(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getObject(5, LocalDate.class)))
                    .list();
            for (DocumentExpiringSoon event : due) {
                jdbc.sql("UPDATE documents SET expiry_announced_at = ? WHERE id = ?")
                        .params(Timestamp.from(clock.instant()), event.documentId())
                        .update();
                outbox.append(event);
            }
            return due.size();
        });
        return count == null ? 0 : count;
    }
}
