package com.luxedrive.vehicle.documents;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A rejected document and its file go once kept long enough after the review; nothing else is touched. */
@SpringBootTest
@RealInfrastructure
class RejectedDocumentsPurgeTest {

    @Autowired
    RejectedDocumentsPurge purge;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDocumentRejectedLongerThanItIsKeptGoesWithItsFileAndNoOtherDoes() {
        UUID owner = UUID.randomUUID();
        UUID vehicle = DocumentRows.vehicleOf(jdbc, owner);
        Instant now = Instant.now();
        long file = jdbc.sql("SELECT lo_from_bytea(0, 'a scan nobody accepted'::bytea)").query(Long.class).single();
        UUID old = document(vehicle, owner, "rejected", now.minus(Duration.ofDays(91)), "pg-lo:" + file);
        UUID recent = document(vehicle, owner, "rejected", now.minus(Duration.ofDays(1)), "test:none");
        UUID approved = document(vehicle, owner, "approved", now.minus(Duration.ofDays(400)), "test:none");
        UUID pending = document(vehicle, owner, "pending", null, "test:none");

        assertThat(purge.removeDue()).isPositive();

        assertThat(jdbc.sql("SELECT id FROM documents WHERE vehicle_id = ?").param(vehicle).query(UUID.class).list())
                .containsExactlyInAnyOrder(recent, approved, pending)
                .doesNotContain(old);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = ?::oid").param(file)
                .query(Long.class).single()).as("the rejected document's file").isZero();
        assertThat(purge.removeDue()).as("a second pass finds nothing more of it").isZero();
    }

    private UUID document(UUID vehicle, UUID owner, String status, Instant reviewedAt, String contentRef) {
        UUID id = UUID.randomUUID();
        Timestamp created = Timestamp.from(Instant.now().minus(Duration.ofDays(500)));
        jdbc.sql("""
                        INSERT INTO documents (id, vehicle_id, owner_id, document_type, file_name, content_type,
                                               size_bytes, sha256, content_ref, status, rejected_reason, uploaded_by,
                                               reviewed_by, reviewed_at, created_at, updated_at)
                        VALUES (?, ?, ?, 'insurance', 'scan.pdf', 'application/pdf', 1, 'none', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, vehicle, owner, contentRef, status, status.equals("rejected") ? "unreadable" : null,
                        UUID.randomUUID(), reviewedAt == null ? null : UUID.randomUUID(),
                        reviewedAt == null ? null : Timestamp.from(reviewedAt), created, created)
                .update();
        return id;
    }
}
