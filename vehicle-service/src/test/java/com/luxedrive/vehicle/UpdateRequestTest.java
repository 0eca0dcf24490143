package com.luxedrive.vehicle;

import com.luxedrive.events.Topics;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.events.receipts.VehicleUpdateAnswerSubmitted;
import com.luxedrive.events.vehicles.VehicleRemoved;
import com.luxedrive.events.vehicles.VehicleUpdateAnswered;
import com.luxedrive.events.vehicles.VehicleUpdateCancelled;
import com.luxedrive.events.vehicles.VehicleUpdateCompleted;
import com.luxedrive.events.vehicles.VehicleUpdateRequested;
import com.luxedrive.testsupport.ConsumerGroups;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.vehicle.Fixtures.bearer;
import static com.luxedrive.vehicle.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class UpdateRequestTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.consumer.group-id}")
    String consumerGroup;

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

    @Test
    void staffRequestTheOwnerApprovesStaffCompleteAndEachStepIsAnnouncedOnce() throws Exception {
        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            String id = requested();
            answer(owner, id, "{\"approved\":true}")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("approved"));
            close(id, "completed")
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("completed"))
                    .andExpect(jsonPath("$.completedDate").exists());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(events.events(VehicleUpdateRequested.class)).filteredOn(e -> e.updateId().toString().equals(id))
                        .singleElement().satisfies(e -> {
                            assertThat(e.ownerId()).isEqualTo(owner);
                            assertThat(e.priority()).isEqualTo("urgent");
                            assertThat(e.requestedBy()).isEqualTo(fixtures.staff);
                        });
                assertThat(events.events(VehicleUpdateAnswered.class)).filteredOn(e -> e.updateId().toString().equals(id))
                        .singleElement().satisfies(e -> assertThat(e.approved()).isTrue());
                assertThat(events.events(VehicleUpdateCompleted.class)).filteredOn(e -> e.updateId().toString().equals(id))
                        .hasSize(1);
            });
        }
    }

    @Test
    void everyIllegalTransitionIsAConflictAndChangesNothing() throws Exception {
        String completed = requested();
        answer(owner, completed, "{\"approved\":true}").andExpect(status().isOk());
        close(completed, "completed").andExpect(status().isOk());
        answer(owner, completed, "{\"approved\":false}").andExpect(status().isConflict());
        close(completed, "completed").andExpect(status().isConflict());
        close(completed, "cancelled").andExpect(status().isConflict());

        String declined = requested();
        answer(owner, declined, "{\"approved\":false,\"reason\":\"I'm abroad until March\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("declined"))
                .andExpect(jsonPath("$.responseReason").value("I'm abroad until March"));
        answer(owner, declined, "{\"approved\":true}").andExpect(status().isConflict());
        close(declined, "completed").andExpect(status().isConflict());
        close(declined, "cancelled")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentStatus").value("declined"))
                .andExpect(jsonPath("$.requestedStatus").value("cancelled"));

        String pending = requested();
        close(pending, "completed").andExpect(status().isConflict());
        close(pending, "cancelled").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("cancelled"));
        answer(owner, pending, "{\"approved\":true}").andExpect(status().isConflict());

        String approved = requested();
        answer(owner, approved, "{\"approved\":true}").andExpect(status().isOk());
        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            close(approved, "cancelled").andExpect(status().isOk());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.events(VehicleUpdateCancelled.class))
                    .filteredOn(e -> e.updateId().toString().equals(approved)).hasSize(1));
        }

        assertThat(statusOf(completed)).isEqualTo("completed");
        assertThat(statusOf(declined)).isEqualTo("declined");
        assertThat(statusOf(pending)).isEqualTo("cancelled");
    }

    @Test
    void onlyTheOwnerAnswersAndOnlyStaffRequestAndClose() throws Exception {
        String id = requested();
        UUID stranger = fixtures.client();

        answer(stranger, id, "{\"approved\":true}").andExpect(status().isNotFound());
        mvc.perform(post("/api/vehicle-updates/{id}/response", id).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approved\":true}"))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/vehicle-updates/{id}", id).header("Authorization", bearer(TestTokens.client(owner)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"cancelled\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/vehicles/{id}/updates", vehicle).header("Authorization", bearer(TestTokens.client(owner)))
                        .contentType(MediaType.APPLICATION_JSON).content(newRequest()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/vehicles/{id}/updates", vehicle).header("Authorization", bearer(TestTokens.client(stranger))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/vehicle-updates/{id}", id).header("Authorization", bearer(TestTokens.client(stranger))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/vehicles/{id}/updates", UUID.randomUUID()).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content(newRequest()))
                .andExpect(status().isNotFound());
        assertThat(statusOf(id)).isEqualTo("pending");

        mvc.perform(get("/api/vehicles/{id}/updates", vehicle).header("Authorization", bearer(TestTokens.client(owner))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id));
    }

    @Test
    void anInvalidRequestIsAProblemListingItsFields() throws Exception {
        mvc.perform(post("/api/vehicles/{id}/updates", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"updateType\":\"tuning\",\"title\":\"\",\"priority\":\"asap\","
                                + "\"scheduledDate\":\"2001-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'updateType')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'priority')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'scheduledDate')]").exists());
        // no-break spaces are neither Java's white space (@NotBlank) nor stripped: a title of them only was kept
        mvc.perform(post("/api/vehicles/{id}/updates", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"updateType\":\"repair\",\"title\":\"\u00A0\u00A0\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("title"));
        answer(owner, requested(), "{\"approved\":\"maybe\"}").andExpect(status().isBadRequest());
        close(requested(), "reopened").andExpect(status().isBadRequest());
    }

    @Test
    void anAnswerFromTheOwnersSocketIsAppliedOnceAndOneFromAStrangerIsDropped() throws Exception {
        String id = requested();
        UUID stranger = fixtures.client();

        UUID strangers = TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(id), vehicle, stranger,
                false, "no", Instant.now()));
        TestEvents.publish(new NotificationReceiptRecorded(UUID.randomUUID(), stranger, "read", Instant.now()));
        ConsumerGroups.awaitCaughtUp(consumerGroup, Topics.RECEIPTS, Duration.ofSeconds(30));
        assertThat(statusOf(id)).isEqualTo("pending");

        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            // answered a while ago (this service was away, or its consumer behind): recorded as of then
            Instant answered = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            UUID eventId = TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(id), vehicle, owner, true,
                    null, answered));
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(id).equals("approved"));
            assertThat(jdbc.sql("SELECT answered_at FROM vehicle_updates WHERE id = ?").param(UUID.fromString(id))
                    .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(answered);
            TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(id), vehicle, owner, true, null,
                    Instant.now()), eventId);
            ConsumerGroups.awaitCaughtUp(consumerGroup, Topics.RECEIPTS, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.events(VehicleUpdateAnswered.class))
                    .filteredOn(e -> e.updateId().toString().equals(id)).hasSize(1));
            assertThat(jdbc.sql("SELECT event_id FROM processed_event WHERE consumer = 'socket-answers'")
                    .query(UUID.class).list()).contains(eventId).doesNotContain(strangers);
        }
    }

    @Test
    void aSocketAnswerTheDatabaseRefusesIsSkippedAndTheOwnersNextAnswerApplied() throws Exception {
        String refused = requested();
        String next = requested();

        TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(refused), vehicle, owner, false,
                "not \u0000 now", Instant.now()));
        TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(next), vehicle, owner, true, null,
                Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(next).equals("approved"));
        assertThat(statusOf(refused)).isEqualTo("pending");
    }

    /**
     * An answer whose producer left out a member it must send (here when it was given) is incomplete: skipped, the
     * request left as it was, and the next record applied — not retried for ever on the null, holding back every
     * later record of its partition, nor applied with the instant missing.
     */
    @Test
    void anAnswerWithoutAMemberItRequiresIsSkippedAndTheOwnersNextAnswerApplied() throws Exception {
        String incomplete = requested();
        String next = requested();
        double skipped = skipped();

        TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(incomplete), vehicle, owner, true, null,
                null));
        TestEvents.publish(new VehicleUpdateAnswerSubmitted(UUID.fromString(next), vehicle, owner, true, null,
                Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(next).equals("approved"));
        assertThat(statusOf(incomplete)).isEqualTo("pending");
        // counted, for the alert on records given up on
        assertThat(skipped() - skipped).isEqualTo(1);
    }

    /** There from the start, at zero for every topic: an alert sees a first skip as an increase. */
    private double skipped() {
        return meters.get("luxe.events.skipped").tag("topic", Topics.RECEIPTS).counter().count();
    }

    /** The owner's app shows open requests until told they ended; a removal used to delete them without a word. */
    @Test
    void removingAVehicleCancelsItsOpenRequestsAndTellsTheirOwner() throws Exception {
        String pending = requested();
        String approved = requested();
        String declined = requested();
        answer(owner, approved, "{\"approved\":true}").andExpect(status().isOk());
        answer(owner, declined, "{\"approved\":false}").andExpect(status().isOk());

        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            mvc.perform(delete("/api/vehicles/{id}", vehicle).header("Authorization", staff))
                    .andExpect(status().isNoContent());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(events.events(VehicleRemoved.class)).filteredOn(e -> e.vehicleId().equals(vehicle))
                        .hasSize(1);
                assertThat(events.events(VehicleUpdateCancelled.class)).filteredOn(e -> e.vehicleId().equals(vehicle))
                        .allSatisfy(e -> assertThat(e.ownerId()).isEqualTo(owner))
                        .extracting(e -> e.updateId().toString())
                        .containsExactlyInAnyOrder(pending, approved);
            });
        }
        answer(owner, pending, "{\"approved\":true}").andExpect(status().isNotFound());
    }

    private String requested() throws Exception {
        return body(mvc.perform(post("/api/vehicles/{id}/updates", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content(newRequest()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("pending")))
                .path("id").asString();
    }

    private static String newRequest() {
        return """
                {"updateType":"recall","title":"Airbag recall","description":"Replace the passenger airbag module",
                 "priority":"urgent","scheduledDate":"%s"}""".formatted(Instant.now().plus(Duration.ofDays(7)));
    }

    private ResultActions answer(UUID user, String id, String json) throws Exception {
        return mvc.perform(post("/api/vehicle-updates/{id}/response", id)
                .header("Authorization", bearer(TestTokens.client(user)))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions close(String id, String status) throws Exception {
        return mvc.perform(patch("/api/vehicle-updates/{id}", id).header("Authorization", staff)
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"" + status + "\"}"));
    }

    private String statusOf(String id) {
        return jdbc.sql("SELECT status FROM vehicle_updates WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
    }
}
