package com.luxedrive.vehicle.documents;

import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.DocumentExpiringSoon;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure
class ExpiryWatchTest {

    @Autowired
    ExpiryWatch watch;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDocumentExpiringWithinTheWarningIsAnnouncedOnceHoweverOftenTheWatchRuns() {
        UUID owner = UUID.randomUUID();
        UUID vehicle = DocumentRows.vehicleOf(jdbc, owner);
        UUID soon = document(vehicle, owner, "insurance", LocalDate.now().plusDays(10), "pending");
        UUID later = document(vehicle, owner, "warranty", LocalDate.now().plusYears(2), "approved");
        UUID rejected = document(vehicle, owner, "inspection", LocalDate.now().plusDays(3), "rejected");
        UUID none = document(vehicle, owner, "invoice", null, "approved");

        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            assertThat(watch.announceDue()).isEqualTo(1);
            assertThat(watch.announceDue()).isZero();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(events.events(DocumentExpiringSoon.class))
                            .filteredOn(event -> event.vehicleId().equals(vehicle))
                            .singleElement()
                            .satisfies(event -> {
                                assertThat(event.documentId()).isEqualTo(soon);
                                assertThat(event.ownerId()).isEqualTo(owner);
                                assertThat(event.expiresOn()).isEqualTo(LocalDate.now().plusDays(10));
                            }));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM documents WHERE expiry_announced_at IS NOT NULL AND id IN (?, ?, ?)")
                .params(later, rejected, none).query(Long.class).single()).isZero();
    }

    /**
     * An insurance already renewed (a newer approved one of the owner's outlasts it), or a previous owner's document
     * after the vehicle changed hands, is not announced: neither owner has anything to do. Both are marked as seen. A
     * renewal still pending does not count: it may yet be rejected.
     */
    @Test
    void aRenewedDocumentOrAPreviousOwnersIsNotAnnounced() {
        UUID owner = UUID.randomUUID();
        UUID vehicle = DocumentRows.vehicleOf(jdbc, owner);
        UUID renewed = document(vehicle, owner, "insurance", LocalDate.now().plusDays(10), "approved");
        document(vehicle, owner, "insurance", LocalDate.now().plusYears(1), "approved");
        UUID previousOwners = document(vehicle, UUID.randomUUID(), "inspection", LocalDate.now().plusDays(5),
                "approved");
        UUID due = document(vehicle, owner, "registration", LocalDate.now().plusDays(20), "approved");
        document(vehicle, owner, "registration", LocalDate.now().plusYears(1), "pending");

        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            assertThat(watch.announceDue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(events.events(DocumentExpiringSoon.class))
                            .filteredOn(event -> event.vehicleId().equals(vehicle))
                            .singleElement()
                            .satisfies(event -> assertThat(event.documentId()).isEqualTo(due)));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM documents WHERE expiry_announced_at IS NOT NULL AND id IN (?, ?)")
                .params(renewed, previousOwners).query(Long.class).single()).isEqualTo(2);
    }

    private UUID document(UUID vehicle, UUID owner, String type, LocalDate expiresOn, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO documents (id, vehicle_id, owner_id, document_type, file_name, content_type,
                                               size_bytes, sha256, content_ref, status, expires_on, uploaded_by,
                                               created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'scan.pdf', 'application/pdf', 1, 'none', 'test:none', ?, ?, ?, ?, ?)""")
                .params(id, vehicle, owner, type, status, expiresOn, UUID.randomUUID(), Timestamp.from(Instant.now()),
                        Timestamp.from(Instant.now()))
                .update();
        return id;
    }
}
