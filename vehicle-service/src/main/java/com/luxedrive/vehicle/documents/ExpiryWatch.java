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
        for (Batch batch = announceBatch(); batch.seen() > 0; batch = announceBatch()) {
            announced += batch.announced();
        }
        return announced;
    }

    private Batch announceBatch() {
        LocalDate horizon = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plus(properties.expiryWarning());
        Batch batch = transactions.execute(status -> {
            // told only to its owner while the vehicle is still theirs, and only while no newer approved document of
            // its kind (the renewal) outlasts it — one still pending may yet be rejected; the others are marked as
            // seen without a word
            List<Due> due = jdbc.sql("""
                            SELECT d.id, d.vehicle_id, v.owner_id, d.document_type, d.expires_on,
                                   d.owner_id = v.owner_id AND NOT EXISTS (
                                       SELECT 1 FROM documents n
                                       WHERE n.vehicle_id = d.vehicle_id AND n.document_type = d.document_type
                                         AND n.owner_id = d.owner_id AND n.status = 'approved'
                                         AND n.expires_on > d.expires_on) AS announce
                            FROM documents d JOIN vehicles v ON v.id = d.vehicle_id
                            WHERE d.expiry_announced_at IS NULL AND d.expires_on IS NOT NULL AND d.expires_on <= ?
                              AND d.status <> 'rejected'
                            ORDER BY d.expires_on
                            LIMIT ?
                            FOR UPDATE OF d SKIP LOCKED""")
                    .params(horizon, BATCH)
                    .query((rs, row) -> new Due(new DocumentExpiringSoon(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getObject(5, LocalDate.class)), rs.getBoolean(6)))
                    .list();
            for (Due document : due) {
                jdbc.sql("UPDATE documents SET expiry_announced_at = ? WHERE id = ?")
                        .params(Timestamp.from(clock.instant()), document.event().documentId())
                        .update();
                if (document.announce()) {
                    outbox.append(document.event());
                }
            }
            return new Batch(due.size(), (int) due.stream().filter(Due::announce).count());
        });
        return batch == null ? new Batch(0, 0) : batch;
    }

    private record Due(DocumentExpiringSoon event, boolean announce) {
    }

    private record Batch(int seen, int announced) {
    }
}
