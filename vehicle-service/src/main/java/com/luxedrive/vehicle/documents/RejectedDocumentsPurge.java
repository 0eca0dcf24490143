package com.luxedrive.vehicle.documents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Removes a rejected document — its row, and with it its file (the table's delete trigger unlinks the large object) —
 * once it has been rejected for {@code luxe.documents.rejected-kept}. A rejected upload is a wrong or unreadable file:
 * its owner was told why when it was rejected, and it is never shown as valid; keeping someone's papers that were
 * never accepted serves nobody, and every upload stays in the database until then. Pending and approved documents are
 * never removed here. Every replica runs it; {@code SKIP LOCKED} lets them share the work.
 */
@Component
class RejectedDocumentsPurge {

    private static final Logger log = LoggerFactory.getLogger(RejectedDocumentsPurge.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DocumentProperties properties;
    private final Clock clock;

    RejectedDocumentsPurge(JdbcClient jdbc, TransactionTemplate transactions, DocumentProperties properties,
                           Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${luxe.documents.expiry-check-every:1h}",
            fixedDelayString = "${luxe.documents.expiry-check-every:1h}")
    void purge() {
        int removed = removeDue();
        if (removed > 0) {
            log.info("rejected documents removed: count={} rejectedBefore={}", removed,
                    clock.instant().minus(properties.rejectedKept()));
        }
    }

    /** @return how many rejected documents were removed */
    int removeDue() {
        Timestamp before = Timestamp.from(clock.instant().minus(properties.rejectedKept()));
        int removed = 0;
        for (int batch = removeBatch(before); batch > 0; batch = removeBatch(before)) {
            removed += batch;
        }
        return removed;
    }

    private int removeBatch(Timestamp before) {
        Integer removed = transactions.execute(status -> jdbc.sql("""
                        DELETE FROM documents WHERE id IN (
                            SELECT id FROM documents WHERE status = 'rejected' AND reviewed_at < ?
                            ORDER BY reviewed_at LIMIT ? FOR UPDATE SKIP LOCKED)""")
                .params(before, BATCH)
                .update());
        return removed == null ? 0 : removed;
    }
}
