package com.luxedrive.notification;

import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.InboxChanged;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.luxedrive.notification.Staff.body;
import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A client's inbox: cursor pages, read and unread, archive, counts, and the events that keep other devices in step. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class InboxTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    Staff staff;
    UUID client;
    String token;

    @BeforeEach
    void setUp() {
        staff = new Staff(mvc, jdbc);
        client = staff.client();
        token = "Bearer " + TestTokens.client(client);
    }

    @Test
    void cursorPagesWalkTheInboxNewestFirstWithoutRepeats() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(0, idOf(staff.send(Staff.toUsers("info", client))).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = get("/api/notifications/my-notifications").param("size", "2").header("Authorization", token);
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page = body(mvc.perform(request).andExpect(status().isOk()));
            page.path("content").forEach(item -> seen.add(item.path("id").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            // a notification arriving meanwhile must not shift the pages still to come
            if (seen.size() == 2) {
                staff.send(Staff.toUsers("info", client));
            }
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(sent);

        mvc.perform(get("/api/notifications/my-notifications").param("cursor", "not-a-cursor").header("Authorization", token))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        // well formed, but its instant is beyond what a timestamp holds
        String forged = java.util.Base64.getUrlEncoder().encodeToString(("9300000000000000.0." + UUID.randomUUID())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mvc.perform(get("/api/notifications/my-notifications").param("cursor", forged).header("Authorization", token))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
    }

    @Test
    void undeliveredListsWhatNoDeviceAcknowledgedOldestFirstAndOnlyTheCallers() throws Exception {
        UUID first = idOf(staff.send(Staff.toUsers("info", client)));
        UUID acknowledged = idOf(staff.send(Staff.toUsers("info", client)));
        UUID second = idOf(staff.send(Staff.toUsers("alert", client)));
        UUID third = idOf(staff.send(Staff.toUsers("info", client)));
        idOf(staff.send(Staff.toUsers("info", staff.client())));
        TestEvents.publish(new NotificationReceiptRecorded(acknowledged, client, "delivered", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(acknowledged).equals("delivered"));

        mvc.perform(get("/api/notifications/undelivered").header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id").value(contains(first.toString(), second.toString(),
                        third.toString())))
                .andExpect(jsonPath("$.content[1].type").value("alert"))
                .andExpect(jsonPath("$.content[0].timestamp").isNotEmpty())
                .andExpect(jsonPath("$.more").value(false));
        mvc.perform(get("/api/notifications/undelivered").param("limit", "2").header("Authorization", token))
                .andExpect(jsonPath("$.content[*].id").value(contains(first.toString(), second.toString())))
                .andExpect(jsonPath("$.more").value(true));
        mvc.perform(get("/api/notifications/undelivered").param("limit", "0").header("Authorization", token))
                .andExpect(status().isBadRequest());
    }

    /**
     * A device back after months is replayed only what was sent within the catch-up window (90 days): the older one
     * stays in the inbox, unacknowledged, and is not pushed.
     */
    @Test
    void undeliveredReachesBackOnlyAsFarAsTheCatchUpWindow() throws Exception {
        UUID old = idOf(staff.send(Staff.toUsers("info", client)));
        UUID recent = idOf(staff.send(Staff.toUsers("info", client)));
        jdbc.sql("UPDATE notification_history SET sent_at = now() - interval '91 days' WHERE notification_id = ?")
                .param(old).update();

        mvc.perform(get("/api/notifications/undelivered").header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id").value(contains(recent.toString())));
        assertThat(statusOf(old)).isEqualTo("sent");
        inbox("size=50").andExpect(jsonPath("$.content[*].id").value(hasItem(old.toString())));
    }

    @Test
    void markUnreadMovesBackAndAnOlderReadReceiptDoesNotUndoIt() throws Exception {
        UUID id = idOf(staff.send(Staff.toUsers("info", client)));
        TestEvents.publish(new NotificationReceiptRecorded(id, client, "delivered", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(id).equals("delivered"));
        Instant readOnThePhone = Instant.now();
        mvc.perform(patch("/api/notifications/{id}/read", id).header("Authorization", token)).andExpect(status().isOk());

        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            mvc.perform(patch("/api/notifications/{id}/unread", id).header("Authorization", token))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("delivered"));
            // the read's own InboxChanged may reach the probe too: its outbox relay is asynchronous
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications.events(InboxChanged.class))
                    .filteredOn(e -> e.userId().equals(client) && !e.status().equals("read")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.status()).isEqualTo("unread");
                        assertThat(e.unreadCount()).isEqualTo(1);
                    }));
        }

        UUID late = TestEvents.publish(new NotificationReceiptRecorded(id, client, "read", readOnThePhone));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(late));
        assertThat(statusOf(id)).isEqualTo("delivered");

        TestEvents.publish(new NotificationReceiptRecorded(id, client, "read", Instant.now().plusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(id).equals("read"));

        mvc.perform(patch("/api/notifications/{id}/unread", id)
                        .header("Authorization", "Bearer " + TestTokens.client(staff.client())))
                .andExpect(status().isNotFound());
    }

    @Test
    void archivedNotificationsLeaveTheInboxAndCountsFollow() throws Exception {
        UUID read = idOf(staff.send(Staff.toUsers("promotion", client)));
        UUID alsoRead = idOf(staff.send(Staff.toUsers("info", client)));
        UUID unread = idOf(staff.send(Staff.toUsers("alert", client)));
        mvc.perform(patch("/api/notifications/{id}/read", read).header("Authorization", token));
        mvc.perform(patch("/api/notifications/{id}/read", alsoRead).header("Authorization", token));

        mvc.perform(patch("/api/notifications/archive-read").header("Authorization", token))
                .andExpect(jsonPath("$.updated").value(2));
        inbox("").andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(unread.toString()));
        inbox("archived=true").andExpect(jsonPath("$.totalElements").value(2));

        mvc.perform(patch("/api/notifications/{id}/unarchive", read).header("Authorization", token))
                .andExpect(status().isOk());
        mvc.perform(patch("/api/notifications/{id}/archive", unread).header("Authorization", token))
                .andExpect(status().isOk());
        inbox("status=read").andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(read.toString()));
        inbox("status=unread").andExpect(jsonPath("$.totalElements").value(0));

        mvc.perform(get("/api/notifications/my-notifications/counts").header("Authorization", token))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.unread").value(0))
                .andExpect(jsonPath("$.read").value(1))
                .andExpect(jsonPath("$.archived").value(2))
                .andExpect(jsonPath("$.byType.promotion").value(1));
        mvc.perform(get("/api/notifications/unread-count").header("Authorization", token))
                .andExpect(jsonPath("$.count").value(0))
                .andExpect(jsonPath("$.unreadCount").value(0));
        mvc.perform(patch("/api/notifications/{id}/archive", UUID.randomUUID()).header("Authorization", token))
                .andExpect(status().isNotFound());
    }

    @Test
    void archivingTellsTheUsersOtherDevicesWhatChangedAndTheUnreadCountAfter() throws Exception {
        UUID unread = idOf(staff.send(Staff.toUsers("alert", client)));
        UUID read = idOf(staff.send(Staff.toUsers("info", client)));
        mvc.perform(patch("/api/notifications/{id}/read", read).header("Authorization", token)).andExpect(status().isOk());

        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            mvc.perform(patch("/api/notifications/{id}/archive", unread).header("Authorization", token))
                    .andExpect(jsonPath("$.updated").value(1));
            mvc.perform(patch("/api/notifications/{id}/archive", unread).header("Authorization", token))
                    .andExpect(jsonPath("$.updated").value(1));
            mvc.perform(patch("/api/notifications/{id}/unarchive", unread).header("Authorization", token))
                    .andExpect(status().isOk());
            mvc.perform(patch("/api/notifications/archive-read").header("Authorization", token))
                    .andExpect(jsonPath("$.updated").value(1));
            mvc.perform(patch("/api/notifications/archive-read").header("Authorization", token))
                    .andExpect(jsonPath("$.updated").value(0));

            // the read's own InboxChanged may reach the probe too: its outbox relay is asynchronous
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications.events(InboxChanged.class))
                    .filteredOn(e -> e.userId().equals(client) && !e.status().equals(InboxChanged.READ))
                    .extracting(InboxChanged::notificationId, InboxChanged::status, InboxChanged::unreadCount)
                    .containsExactly(
                            tuple(unread, InboxChanged.ARCHIVED, 0L),
                            tuple(unread, InboxChanged.UNARCHIVED, 1L),
                            tuple(null, InboxChanged.ARCHIVED, 1L)));
        }
        mvc.perform(patch("/api/notifications/{id}/unarchive", UUID.randomUUID()).header("Authorization", token))
                .andExpect(status().isNotFound());
        mvc.perform(patch("/api/notifications/{id}/archive", unread)
                        .header("Authorization", "Bearer " + TestTokens.client(staff.client())))
                .andExpect(status().isNotFound());
    }

    /** ADR 13: realtime-service's echo of a socket's read carries no count; notification-service's follows with it. */
    @Test
    void aReadOnASocketTellsTheUsersDevicesTheUnreadCountAfter() throws Exception {
        UUID read = idOf(staff.send(Staff.toUsers("info", client)));
        staff.send(Staff.toUsers("info", client));
        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            Instant onThePhone = Instant.now();
            TestEvents.publish(new NotificationReceiptRecorded(read, client, "read", onThePhone));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications.events(InboxChanged.class))
                    .filteredOn(e -> e.userId().equals(client)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.notificationId()).isEqualTo(read);
                        assertThat(e.status()).isEqualTo(InboxChanged.READ);
                        assertThat(e.unreadCount()).isEqualTo(1);
                    }));
        }
    }

    @Test
    void readAllTellsTheUsersOtherDevicesOnce() throws Exception {
        staff.send(Staff.toUsers("info", client));
        staff.send(Staff.toUsers("info", client));
        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            mvc.perform(patch("/api/notifications/read-all").header("Authorization", token))
                    .andExpect(jsonPath("$.updated").value(2));
            mvc.perform(patch("/api/notifications/read-all").header("Authorization", token))
                    .andExpect(jsonPath("$.updated").value(0));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications.events(InboxChanged.class))
                    .filteredOn(e -> e.userId().equals(client)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.notificationId()).isNull();
                        assertThat(e.unreadCount()).isZero();
                    }));
        }
    }

    @Test
    void clientsCannotReachStaffRoutes() throws Exception {
        UUID id = idOf(staff.send(Staff.toUsers("info", client)));
        mvc.perform(get("/api/notifications").header("Authorization", token)).andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications/{id}", id).header("Authorization", token)).andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications/{id}/recipients", id).header("Authorization", token))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications/analytics").header("Authorization", token)).andExpect(status().isForbidden());
        mvc.perform(patch("/api/notifications/{id}", id).header("Authorization", token)
                .contentType("application/json").content("{}")).andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications/my-notifications")).andExpect(status().isUnauthorized());
    }

    private ResultActions inbox(String query) throws Exception {
        return mvc.perform(get("/api/notifications/my-notifications?" + query).header("Authorization", token))
                .andExpect(status().isOk());
    }

    private String statusOf(UUID notification) {
        return jdbc.sql("SELECT status FROM notification_history WHERE notification_id = ? AND user_id = ?")
                .params(notification, client).query(String.class).single();
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId)
                .query(Long.class).single() == 1;
    }
}
