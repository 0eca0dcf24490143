package com.luxedrive.notification;

import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What operators graph and alert on: sends per recipient, receipts, the outbox backlog, scraped without a token. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class MetricsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void sendsAreCountedPerRecipientAndReceiptsOnceEach() throws Exception {
        Staff staff = new Staff(mvc, jdbc);
        UUID first = staff.client();
        UUID second = staff.client();
        double sentBefore = meters.counter("luxe.notifications.sent").count();
        double deliveredBefore = meters.counter("luxe.notifications.delivered").count();

        UUID id = idOf(staff.send(Staff.toUsers("info", first, second)));
        assertThat(meters.counter("luxe.notifications.sent").count() - sentBefore).isEqualTo(2);

        NotificationReceiptRecorded receipt = new NotificationReceiptRecorded(id, first, "delivered", Instant.now());
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(receipt, eventId);
        TestEvents.publish(receipt, eventId); // redelivered: applied, and counted, once
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.counter("luxe.notifications.delivered").count() - deliveredBefore == 1);
        // the same user's second device acknowledges it too, and reads it twice: one delivery, one read
        double readBefore = meters.counter("luxe.notifications.read").count();
        UUID secondDevice = TestEvents.publish(receipt);
        UUID firstRead = TestEvents.publish(new NotificationReceiptRecorded(id, first, "read", Instant.now()));
        UUID secondRead = TestEvents.publish(new NotificationReceiptRecorded(id, first, "read", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(secondDevice) && processed(firstRead) && processed(secondRead));
        assertThat(meters.counter("luxe.notifications.delivered").count() - deliveredBefore).isEqualTo(1);
        assertThat(meters.counter("luxe.notifications.read").count() - readBefore).isEqualTo(1);

        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("luxe_notifications_sent_total")))
                .andExpect(content().string(containsString("luxe_notifications_delivered_total")))
                .andExpect(content().string(containsString("luxe_outbox_backlog")))
                .andExpect(content().string(containsString("luxe_outbox_oldest_age_seconds")));
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId)
                .query(Long.class).single() == 1;
    }
}
