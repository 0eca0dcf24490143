package com.luxedrive.notification.sending;

import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.vehicles.DocumentExpiringSoon;
import com.luxedrive.notification.Staff;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** vehicle-service announces a document near its expiry; its owner used to hear nothing of it. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class DocumentExpiryRemindersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theOwnerOfADocumentExpiringSoonIsToldInTheInboxAndLive() {
        UUID owner = new Staff(mvc, jdbc).client();
        UUID vehicle = UUID.randomUUID();
        LocalDate expiresOn = LocalDate.now().plusDays(20);
        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            TestEvents.publish(new DocumentExpiringSoon(UUID.randomUUID(), vehicle, owner, "insurance", expiresOn));

            NotificationDispatched sent = await().atMost(Duration.ofSeconds(30)).until(() -> notifications
                    .events(NotificationDispatched.class).stream()
                    .filter(event -> event.vehicleIdsFor(owner).contains(vehicle)).findFirst().orElse(null),
                    java.util.Objects::nonNull);
            assertThat(sent.type()).isEqualTo("document");
            assertThat(sent.message()).contains("insurance").contains(expiresOn.toString());
            assertThat(jdbc.sql("SELECT status FROM notification_history WHERE notification_id = ? AND user_id = ?")
                    .params(sent.notificationId(), owner).query(String.class).list()).containsExactly("sent");
        }
    }

    @Test
    void anOwnerWhoIsNoLongerAnActiveClientIsToldNothing() {
        UUID gone = new Staff(mvc, jdbc).client();
        TestEvents.publish(new UserDeactivated(gone, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !jdbc.sql(
                "SELECT active FROM recipient_users WHERE user_id = ?").param(gone).query(Boolean.class).single());
        UUID vehicle = UUID.randomUUID();
        UUID event = TestEvents.publish(new DocumentExpiringSoon(UUID.randomUUID(), vehicle, gone, "insurance",
                LocalDate.now().plusDays(20)));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM processed_event WHERE event_id = ? AND consumer = 'document-expiry'")
                .param(event).query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM notification_history WHERE user_id = ?").param(gone)
                .query(Long.class).single()).isZero();
    }
}
