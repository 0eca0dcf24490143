package com.luxedrive.notification;

import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.events.vehicles.VehicleOwnerChanged;
import com.luxedrive.events.vehicles.VehicleRegistered;
import com.luxedrive.events.vehicles.VehicleRemoved;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.luxedrive.notification.Staff.body;
import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who a notification reaches: vehicle owners from the ownership projection, muted types, idempotent retries. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class TargetsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    Staff staff;

    @BeforeEach
    void setUp() {
        staff = new Staff(mvc, jdbc);
    }

    @Test
    void aVehicleTargetReachesEachOwnerOnceAndFollowsOwnershipChanges() throws Exception {
        UUID ada = staff.client();
        UUID bob = staff.client();
        UUID carol = staff.client();
        UUID adasFirst = vehicle(ada);
        UUID adasSecond = vehicle(ada);
        UUID bobs = vehicle(bob);

        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            UUID id = idOf(staff.send(toVehicles(adasFirst, adasSecond, bobs))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.recipientCount").value(2)));
            assertThat(recipientsOf(id)).containsExactlyInAnyOrder(ada, bob);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dispatched.events(NotificationDispatched.class))
                    .filteredOn(e -> e.notificationId().equals(id)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.audience().all()).isFalse();
                        assertThat(e.audience().userIds()).containsExactlyInAnyOrder(ada, bob);
                        assertThat(e.vehicleIds()).containsExactlyInAnyOrder(adasFirst, adasSecond, bobs);
                        // each owner is shown their own vehicles, never the other's
                        assertThat(e.vehicleIdsFor(ada)).containsExactlyInAnyOrder(adasFirst, adasSecond);
                        assertThat(e.vehicleIdsFor(bob)).containsExactly(bobs);
                    }));
            // and so is a replay of it
            mvc.perform(get("/api/notifications/undelivered").header("Authorization", "Bearer " + TestTokens.client(bob)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.content[?(@.id == '" + id + "')].vehicleIds[*]").value(bobs.toString()));
            assertThat(body(mvc.perform(get("/api/notifications/undelivered")
                    .header("Authorization", "Bearer " + TestTokens.client(ada)))).path("content").get(0)
                    .path("vehicleIds").valueStream().map(JsonNode::asString).toList())
                    .containsExactlyInAnyOrder(adasFirst.toString(), adasSecond.toString());
        }

        TestEvents.publish(new VehicleOwnerChanged(bobs, bob, carol, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> ownerOf(bobs).equals(carol));
        assertThat(recipientsOf(idOf(staff.send(toVehicles(bobs))))).containsExactly(carol);

        TestEvents.publish(new VehicleRemoved(bobs, carol, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT removed FROM vehicle_owners WHERE vehicle_id = ?")
                .param(bobs).query(Boolean.class).single());
        staff.send(toVehicles(bobs)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString(bobs.toString())));
    }

    /**
     * A recall of a whole model: 30 000 vehicles, each named in the request. Listed whole in every dispatch event, as
     * they were, each event was over Kafka's 1 MB record limit: the broker refused it on every retry and every later
     * event of the service waited behind it in the outbox.
     */
    @Test
    void aSendToThirtyThousandVehiclesGoesOutInEventsKafkaTakesAndHoldsUpNothing() throws Exception {
        int fleet = 30_000;
        List<UUID[]> owned = jdbc.sql("""
                        WITH owners AS (
                            INSERT INTO recipient_users (user_id, user_type, active, updated_at)
                            SELECT gen_random_uuid(), 'client', true, now() FROM generate_series(1, ?)
                            RETURNING user_id)
                        INSERT INTO vehicle_owners (vehicle_id, owner_id, updated_at)
                        SELECT gen_random_uuid(), user_id, now() FROM owners
                        RETURNING vehicle_id, owner_id""")
                .param(fleet)
                .query((rs, row) -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                .list();
        UUID listener = staff.client();

        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            try {
                sendToTheFleetAndThenOneMore(owned, fleet, listener, dispatched);
            } finally {
                // 30 000 active clients would be recipients of every later send to all clients in this database
                jdbc.sql("DELETE FROM vehicle_owners WHERE vehicle_id = ANY (?)")
                        .param(owned.stream().map(pair -> pair[0]).toArray(UUID[]::new)).update();
                jdbc.sql("UPDATE recipient_users SET active = false WHERE user_id = ANY (?)")
                        .param(owned.stream().map(pair -> pair[1]).toArray(UUID[]::new)).update();
            }
        }
    }

    private void sendToTheFleetAndThenOneMore(List<UUID[]> owned, int fleet, UUID listener, TopicProbe dispatched)
            throws Exception {
        UUID recall = idOf(staff.send(toVehicles(owned.stream().map(pair -> pair[0]).toArray(UUID[]::new)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.recipientCount").value(fleet)));
        UUID after = idOf(staff.send(Staff.toUsers("info", listener)).andExpect(status().isCreated()));

        // the recall's events and the send after it (another key, maybe another partition) all get through
        await().atMost(Duration.ofSeconds(60)).until(() -> dispatched.events(NotificationDispatched.class).stream()
                .anyMatch(e -> e.notificationId().equals(after)) && partsOf(dispatched, recall).stream()
                .mapToInt(part -> part.audience().userIds().size()).sum() >= fleet);
        List<NotificationDispatched> parts = partsOf(dispatched, recall);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.vehicleIds()).hasSizeLessThanOrEqualTo(2_500);
            assertThat(part.recipientVehicles().keySet()).containsExactlyInAnyOrderElementsOf(part.audience().userIds());
        });
        assertThat(dispatched.records().stream().mapToInt(record -> record.value().length).max().orElseThrow())
                .isLessThan(512 * 1024);
        // every owner named once, shown their one vehicle
        assertThat(parts.stream().flatMap(part -> part.recipientVehicles().entrySet().stream())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList())
                .containsExactlyInAnyOrderElementsOf(owned.stream().map(pair -> pair[1] + "=[" + pair[0] + "]").toList());
    }

    private static List<NotificationDispatched> partsOf(TopicProbe dispatched, UUID notification) {
        return dispatched.events(NotificationDispatched.class).stream()
                .filter(e -> e.notificationId().equals(notification)).toList();
    }

    @Test
    void unknownVehiclesAreNamedAndATargetOfNobodyIsRefused() throws Exception {
        UUID unknown = UUID.randomUUID();
        UUID known = vehicle(staff.client());
        long before = notifications();
        staff.send(toVehicles(known, unknown))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/unknown-vehicles"))
                .andExpect(jsonPath("$.detail").value(containsString(unknown.toString())));
        staff.send("{\"title\":\"t\",\"message\":\"m\",\"targetType\":\"vehicle\",\"vehicleIds\":[]}")
                .andExpect(status().isBadRequest());
        staff.send("{\"title\":\"t\",\"message\":\"m\",\"targetType\":\"all\",\"userIds\":[\"" + UUID.randomUUID() + "\"]}")
                .andExpect(status().isBadRequest());

        UUID inactiveOwner = staff.client();
        UUID orphan = vehicle(inactiveOwner);
        jdbc.sql("UPDATE recipient_users SET active = false WHERE user_id = ?").param(inactiveOwner).update();
        staff.send(toVehicles(orphan))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/no-recipients"));
        assertThat(notifications()).isEqualTo(before);
    }

    @Test
    void aClientWhoMutedPromotionsGetsNoneButStillGetsAlerts() throws Exception {
        UUID muting = staff.client();
        UUID listening = staff.client();
        String token = "Bearer " + TestTokens.client(muting);
        mvc.perform(put("/api/notifications/preferences").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mutedTypes\":[\"promotion\",\"info\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mutedTypes[0]").value("info"))
                .andExpect(jsonPath("$.mandatoryTypes[0]").value("alert"));
        mvc.perform(put("/api/notifications/preferences").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mutedTypes\":[\"alert\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("mutedTypes"));
        mvc.perform(get("/api/notifications/preferences").header("Authorization", token))
                .andExpect(jsonPath("$.mutedTypes.length()").value(2));

        UUID promotion = idOf(staff.send(Staff.toUsers("promotion", muting, listening))
                .andExpect(jsonPath("$.recipientCount").value(1)));
        assertThat(recipientsOf(promotion)).containsExactly(listening);
        UUID alert = idOf(staff.send(Staff.toUsers("alert", muting, listening))
                .andExpect(jsonPath("$.recipientCount").value(2)));
        assertThat(recipientsOf(alert)).containsExactlyInAnyOrder(muting, listening);
        staff.send(Staff.toUsers("promotion", muting)).andExpect(status().isBadRequest());
    }

    @Test
    void aSendToAllClientsLeavesOutWhoMutedItsTypeLiveAsInTheInbox() throws Exception {
        UUID muting = staff.client();
        UUID listening = staff.client();
        mvc.perform(put("/api/notifications/preferences").header("Authorization", "Bearer " + TestTokens.client(muting))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mutedTypes\":[\"promotion\"]}"))
                .andExpect(status().isOk());

        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            UUID promotion = idOf(staff.send(toAll("promotion")).andExpect(status().isCreated()));
            UUID alert = idOf(staff.send(toAll("alert")).andExpect(status().isCreated()));

            assertThat(recipientsOf(promotion)).contains(listening).doesNotContain(muting);
            // the live push goes where the rows went: the muting client is not in the event's audience either
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<NotificationDispatched> events = dispatched.events(NotificationDispatched.class).stream()
                        .filter(e -> e.notificationId().equals(promotion)).toList();
                assertThat(events).isNotEmpty().noneMatch(e -> e.audience().all());
                assertThat(events.stream().flatMap(e -> e.audience().userIds().stream()))
                        .contains(listening).doesNotContain(muting);
            });
            // a type nobody can mute still goes to every client at once
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dispatched.events(NotificationDispatched.class))
                    .filteredOn(e -> e.notificationId().equals(alert)).singleElement()
                    .satisfies(e -> assertThat(e.audience().all()).isTrue()));
        }
    }

    private static String toAll(String type) {
        return "{\"title\":\"Hello\",\"message\":\"A message\",\"type\":\"" + type + "\",\"targetType\":\"all\"}";
    }

    @Test
    void aRetriedPostWithTheSameKeyGetsTheFirstAnswerAndCreatesNothing() throws Exception {
        UUID client = staff.client();
        String key = "retry-" + UUID.randomUUID();
        String request = Staff.toUsers("info", client);
        String first = staff.send(request, key).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        long notifications = notifications();

        String second = staff.send(request, key).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();

        assertThat(Staff.JSON.readTree(second)).isEqualTo(Staff.JSON.readTree(first));
        assertThat(notifications()).isEqualTo(notifications);
        staff.send(Staff.toUsers("alert", client), key)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/idempotency-key-reused"));
        staff.send(request, "x".repeat(300)).andExpect(status().isBadRequest());
        staff.send(request, "other-" + UUID.randomUUID()).andExpect(status().isCreated());
        assertThat(notifications()).isEqualTo(notifications + 1);
    }

    @Test
    void aFailedRequestLeavesTheKeyFreeForItsRetry() throws Exception {
        UUID client = staff.client();
        String key = "fix-and-retry-" + UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        staff.send(Staff.toUsers("info", client, stranger), key).andExpect(status().isBadRequest());
        UUID id = idOf(staff.send(Staff.toUsers("info", client), key).andExpect(status().isCreated()));
        assertThat(body(staff.send(Staff.toUsers("info", client), key)).path("notification").path("id").asString())
                .isEqualTo(id.toString());
    }

    private UUID vehicle(UUID owner) {
        UUID vehicle = UUID.randomUUID();
        TestEvents.publish(new VehicleRegistered(vehicle, owner, "WDD" + vehicle.toString().substring(0, 14), "P-1",
                "Bentley", "Bentayga", 2024, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM vehicle_owners WHERE vehicle_id = ?").param(vehicle).query(Long.class).single() == 1);
        return vehicle;
    }

    private UUID ownerOf(UUID vehicle) {
        return jdbc.sql("SELECT owner_id FROM vehicle_owners WHERE vehicle_id = ?").param(vehicle)
                .query(UUID.class).single();
    }

    private static String toVehicles(UUID... vehicles) {
        StringBuilder ids = new StringBuilder();
        for (UUID vehicle : vehicles) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(vehicle).append('"');
        }
        return "{\"title\":\"Recall\",\"message\":\"Please book\",\"type\":\"maintenance\",\"targetType\":\"vehicle\","
                + "\"vehicleIds\":[" + ids + "]}";
    }

    private List<UUID> recipientsOf(UUID notification) {
        return jdbc.sql("SELECT user_id FROM notification_history WHERE notification_id = ?").param(notification)
                .query(UUID.class).list();
    }

    private long notifications() {
        return jdbc.sql("SELECT count(*) FROM notifications").query(Long.class).single();
    }
}
