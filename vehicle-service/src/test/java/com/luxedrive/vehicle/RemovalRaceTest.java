package com.luxedrive.vehicle;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.luxedrive.vehicle.Fixtures.bearer;
import static com.luxedrive.vehicle.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A change to what belongs to a vehicle racing the vehicle's removal: the removal locks the vehicle, then (through
 * the cascade) its documents and update requests. Each race here starts the removal, lets the other request reach
 * the database and wait there, then completes the removal: the removal must go through and the other request must
 * find nothing — never a deadlock, a foreign-key failure or a 500.
 */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class RemovalRaceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private final ExecutorService racer = Executors.newSingleThreadExecutor();
    Fixtures fixtures;
    UUID owner;
    UUID vehicle;
    String staff;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new Fixtures(mvc, jdbc);
        owner = fixtures.client();
        vehicle = fixtures.vehicleOf(owner);
        staff = bearer(TestTokens.admin(fixtures.staff));
    }

    @AfterEach
    void tearDown() {
        racer.shutdownNow();
    }

    @Test
    void anOwnersAnswerRacingTheRemovalFindsNothing() throws Exception {
        String update = body(mvc.perform(post("/api/vehicles/{id}/updates", vehicle).header("Authorization", staff)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"updateType":"recall","title":"Airbag recall","description":"Replace the airbag module",
                         "priority":"urgent","scheduledDate":"%s"}""".formatted(Instant.now().plus(Duration.ofDays(7)))))
                .andExpect(status().isCreated())).path("id").asString();

        MvcResult answer = racingTheRemoval(post("/api/vehicle-updates/{id}/response", update)
                .header("Authorization", bearer(TestTokens.client(owner)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"approved\":true}"));

        assertThat(answer.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aReviewRacingTheRemovalFindsNothing() throws Exception {
        String document = body(mvc.perform(upload()).andExpect(status().isCreated())).path("id").asString();

        MvcResult review = racingTheRemoval(post("/api/documents/{id}/approve", document)
                .header("Authorization", staff));

        assertThat(review.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void anUploadRacingTheRemovalFindsNoVehicleAndLeavesNoContent() throws Exception {
        long largeObjects = largeObjects();

        MvcResult upload = racingTheRemoval(upload());

        assertThat(upload.getResponse().getStatus()).isEqualTo(404);
        assertThat(largeObjects()).isEqualTo(largeObjects);
    }

    /**
     * An upload racing a transfer: the transfer locks the vehicle as Hibernate's write lock does ({@code FOR NO KEY
     * UPDATE}, which a {@code FOR KEY SHARE} would not wait for), the upload waits, the vehicle changes hands: the
     * previous owner's file must not land on the next owner's vehicle.
     */
    @Test
    void anUploadRacingATransferIsNotSavedOnTheNextOwnersVehicle() throws Exception {
        UUID nextOwner = fixtures.client();
        long largeObjects = largeObjects();
        MvcResult upload;
        try (Connection transfer = dataSource.getConnection()) {
            transfer.setAutoCommit(false);
            try (PreparedStatement lock = transfer.prepareStatement(
                    "SELECT id FROM vehicles WHERE id = ? FOR NO KEY UPDATE")) {
                lock.setObject(1, vehicle);
                lock.executeQuery().close();
            }
            Future<MvcResult> raced = racer.submit(() -> mvc.perform(upload()).andReturn());
            await().atMost(Duration.ofSeconds(30)).until(() -> raced.isDone() || waitingOnALock() > 0);
            try (PreparedStatement move = transfer.prepareStatement("UPDATE vehicles SET owner_id = ? WHERE id = ?")) {
                move.setObject(1, nextOwner);
                move.setObject(2, vehicle);
                assertThat(move.executeUpdate()).isEqualTo(1);
            }
            transfer.commit();
            upload = raced.get(30, TimeUnit.SECONDS);
        }

        assertThat(upload.getResponse().getStatus()).isEqualTo(404);
        assertThat(largeObjects()).isEqualTo(largeObjects);
    }

    /**
     * Locks the vehicle as its removal does, sends {@code request} on another thread, waits until it waits on a lock
     * in the database, then removes the vehicle and commits (which must not fail); the request's result.
     */
    private MvcResult racingTheRemoval(RequestBuilder request) throws Exception {
        try (Connection removal = dataSource.getConnection()) {
            removal.setAutoCommit(false);
            try (PreparedStatement lock = removal.prepareStatement("SELECT id FROM vehicles WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, vehicle);
                lock.executeQuery().close();
            }
            Future<MvcResult> raced = racer.submit(() -> mvc.perform(request).andReturn());
            await().atMost(Duration.ofSeconds(30)).until(() -> raced.isDone() || waitingOnALock() > 0);
            try (PreparedStatement delete = removal.prepareStatement("DELETE FROM vehicles WHERE id = ?")) {
                delete.setObject(1, vehicle);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            removal.commit();
            return raced.get(30, TimeUnit.SECONDS);
        }
    }

    private long waitingOnALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()").query(Long.class).single();
    }

    private long largeObjects() {
        return jdbc.sql("SELECT count(*) FROM pg_largeobject_metadata").query(Long.class).single();
    }

    private RequestBuilder upload() {
        return multipart("/api/vehicles/{id}/documents", vehicle)
                .file(new MockMultipartFile("file", "document.pdf", "application/pdf", DocumentTest.PDF))
                .param("documentType", "other")
                .header("Authorization", bearer(TestTokens.client(owner)));
    }
}
