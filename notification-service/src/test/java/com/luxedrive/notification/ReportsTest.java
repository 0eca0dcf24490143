package com.luxedrive.notification;

import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What staff see of their notifications: counts and rates per notification, recipients, analytics by type. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class ReportsTest {

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
    void oneNotificationShowsItsDeliveryAndReadFiguresAndItsRecipients() throws Exception {
        UUID reader = staff.client();
        UUID receiver = staff.client();
        UUID absent = staff.client();
        UUID reminder = staff.client();
        UUID id = idOf(staff.send(Staff.toUsers("maintenance", reader, receiver, absent, reminder)));
        // the receipts' times from the send's own, so the median does not depend on how long the send took
        Instant now = jdbc.sql("SELECT min(sent_at) FROM notification_history WHERE notification_id = ?").param(id)
                .query(java.sql.Timestamp.class).single().toInstant();
        TestEvents.publish(new NotificationReceiptRecorded(id, reader, "read", now.plusSeconds(60)));
        TestEvents.publish(new NotificationReceiptRecorded(id, receiver, "delivered", now.plusSeconds(5)));
        TestEvents.publish(new NotificationReceiptRecorded(id, reminder, "read", now.plusSeconds(180)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM notification_history WHERE notification_id = ? AND status <> 'sent'")
                .param(id).query(Long.class).single() == 3);

        mvc.perform(get("/api/notifications/{id}", id).header("Authorization", staff.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stats.recipients").value(4))
                .andExpect(jsonPath("$.stats.delivered").value(3))
                .andExpect(jsonPath("$.stats.read").value(2))
                .andExpect(jsonPath("$.stats.deliveryRate").value(0.75))
                .andExpect(jsonPath("$.stats.readRate").value(0.5))
                .andExpect(jsonPath("$.stats.medianSecondsToRead").value(closeTo(120.0, 0.01)));
        mvc.perform(get("/api/notifications/{id}/recipients", id).param("status", "read")
                        .header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.totalElements").value(2));
        mvc.perform(get("/api/notifications/{id}/recipients", UUID.randomUUID()).header("Authorization", staff.bearer()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aNotificationNobodyReadHasNoMedianTimeToReadAndAnInstantBeyondAnyTimestampIsA400() throws Exception {
        UUID id = idOf(staff.send(Staff.toUsers("info", staff.client())));
        JsonNode stats = Staff.JSON.readTree(mvc.perform(get("/api/notifications/{id}", id)
                        .header("Authorization", staff.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("stats");
        assertThat(stats.path("read").asLong()).isZero();
        assertThat(stats.path("medianSecondsToRead").isNumber()).as(stats.toString()).isFalse();

        String beyond = "+1000000000-01-01T00:00:00Z";
        mvc.perform(get("/api/notifications").param("from", beyond).header("Authorization", staff.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/notifications/analytics").param("to", beyond).header("Authorization", staff.bearer()))
                .andExpect(status().isBadRequest());
        // an instant Java parses but no period can end at: its default start would be before the earliest instant
        mvc.perform(get("/api/notifications/analytics").param("to", "-1000000000-01-01T00:00:00Z")
                        .header("Authorization", staff.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/notifications/analytics").param("to", "0001-01-10T00:00:00Z")
                        .header("Authorization", staff.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    /**
     * A send may list 100 000 users: a row of the list carries them up to 100, beyond that none (never a shortened
     * list a panel could take for the whole), and always how many; one notification's GET has them all.
     */
    @Test
    void theListCarriesUpToAHundredListedIdsAndAlwaysTheirCount() throws Exception {
        UUID[] many = new UUID[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = staff.client();
        }
        String marker = "Many" + UUID.randomUUID().toString().substring(0, 8);
        UUID large = idOf(staff.send(Staff.toUsers("info", many).replace("\"Hello\"", "\"" + marker + " large\"")));
        UUID small = idOf(staff.send(Staff.toUsers("info", many[0], many[1])
                .replace("\"Hello\"", "\"" + marker + " small\"")));

        mvc.perform(get("/api/notifications").param("q", marker).header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.content[?(@.id == '" + large + "')].userIdCount").value(101))
                .andExpect(jsonPath("$.content[?(@.id == '" + large + "')].userIds").value(org.hamcrest.Matchers.contains((Object) null)))
                .andExpect(jsonPath("$.content[?(@.id == '" + small + "')].userIdCount").value(2))
                .andExpect(jsonPath("$.content[?(@.id == '" + small + "')].userIds[*]")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(many[0].toString(), many[1].toString())))
                .andExpect(jsonPath("$.content[?(@.id == '" + large + "')].vehicleIdCount").value(0));
        mvc.perform(get("/api/notifications/{id}", large).header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.userIds.length()").value(101))
                .andExpect(jsonPath("$.userIdCount").value(101));
    }

    @Test
    void theListFiltersByStatusTypeAndTextAndAnalyticsGroupByType() throws Exception {
        UUID client = staff.client();
        String marker = "Marker" + UUID.randomUUID().toString().substring(0, 8);
        staff.send(Staff.toUsers("alert", client).replace("\"Hello\"", "\"" + marker + " alert\""));
        staff.send(Staff.toUsers("promotion", client).replace("\"Hello\"", "\"" + marker + " promo\""));
        staff.send(Staff.toUsers("promotion", client).replace("\"Hello\"", "\"" + marker + " draft\"")
                .replace("}", ",\"draft\":true}"));

        mvc.perform(get("/api/notifications").param("q", marker.toLowerCase()).header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.totalElements").value(3));
        mvc.perform(get("/api/notifications").param("q", marker).param("status", "draft")
                        .header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].stats.recipients").value(0));
        mvc.perform(get("/api/notifications").param("q", marker).param("type", "promotion").param("status", "sent")
                        .header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].stats.recipients").value(1));
        mvc.perform(get("/api/notifications").param("q", "100%_sure").header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.totalElements").value(0));

        String from = Instant.now().minus(Duration.ofMinutes(5)).toString();
        mvc.perform(get("/api/notifications/analytics").param("from", from).header("Authorization", staff.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.byType[?(@.type == 'alert')].notifications").isNotEmpty())
                .andExpect(jsonPath("$.byType[?(@.type == 'promotion')].recipients").isNotEmpty());
        mvc.perform(get("/api/notifications/analytics").param("from", Instant.now().toString())
                        .param("to", from).header("Authorization", staff.bearer()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/notifications").param("status", "lost").header("Authorization", staff.bearer()))
                .andExpect(status().isBadRequest());
    }
}
