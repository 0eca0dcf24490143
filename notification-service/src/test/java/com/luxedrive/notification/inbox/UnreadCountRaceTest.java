package com.luxedrive.notification.inbox;

import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.InboxChanged;
import com.luxedrive.notification.Staff;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Two devices changing one user's read state at the same instant: the last unread count announced is the true one. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class UnreadCountRaceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void twoReadsAtOnceAnnounceCountsThatEndAtTheTrueOne() throws Exception {
        Staff staff = new Staff(mvc, jdbc);
        UUID client = staff.client();
        UUID onThePhone = idOf(staff.send(Staff.toUsers("info", client)));
        UUID onTheLaptop = idOf(staff.send(Staff.toUsers("info", client)));
        idOf(staff.send(Staff.toUsers("info", client)));

        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            CountDownLatch phoneRead = new CountDownLatch(1);
            CountDownLatch commitPhone = new CountDownLatch(1);
            // the phone's read, held open before its commit
            CompletableFuture<Void> phone = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
                inbox.markRead(client, onThePhone);
                phoneRead.countDown();
                try {
                    assertThat(commitPhone.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(phoneRead.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> laptop = CompletableFuture.runAsync(() -> {
                try {
                    mvc.perform(patch("/api/notifications/{id}/read", onTheLaptop)
                                    .header("Authorization", "Bearer " + TestTokens.client(client)))
                            .andExpect(status().isOk());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the laptop's read either finished already or waits for the phone's transaction
            await().atMost(Duration.ofSeconds(30)).until(() -> laptop.isDone() || aBackendWaitsForALock());
            commitPhone.countDown();
            CompletableFuture.allOf(phone, laptop).get(60, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications.events(InboxChanged.class))
                    .filteredOn(e -> e.userId().equals(client)).hasSize(2)
                    .extracting(InboxChanged::unreadCount).containsExactly(2L, 1L));
        }
    }

    private boolean aBackendWaitsForALock() {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND datname = current_database()""")
                .query(Long.class).single() > 0;
    }
}
