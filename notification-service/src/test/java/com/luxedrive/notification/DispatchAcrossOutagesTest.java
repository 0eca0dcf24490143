package com.luxedrive.notification;

import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.testsupport.Infrastructure;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.ServiceInstances;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nothing sent is lost: not while Kafka is down, not when the instance that accepted it dies before publishing. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class DispatchAcrossOutagesTest {

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
    void sendsAcceptedWhileKafkaIsDownArePublishedOnceEachWhenItReturns() throws Exception {
        UUID client = staff.client();
        List<UUID> sent = new ArrayList<>();
        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            Infrastructure.get().stopKafka();
            try {
                for (int i = 0; i < 5; i++) {
                    sent.add(idOf(staff.send(Staff.toUsers("alert", client))));
                }
            } finally {
                Infrastructure.get().startKafka();
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(dispatched.events(NotificationDispatched.class)
                    .stream().map(NotificationDispatched::notificationId).filter(sent::contains).toList())
                    .containsExactlyInAnyOrderElementsOf(sent));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event")
                    .query(Long.class).single() == 0);
            assertThat(dispatched.events(NotificationDispatched.class).stream()
                    .map(NotificationDispatched::notificationId).filter(sent::contains).toList()).hasSize(sent.size());
        }
    }

    @Test
    void aSendCommittedByAnInstanceThatDiedBeforePublishingGoesOutWhenAnInstanceStarts() throws Exception {
        String database = Infrastructure.get().createDatabase("restart");
        UUID notification;
        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            try (ConfigurableApplicationContext dying = ServiceInstances.start(NotificationServiceApplication.class, database)) {
                JdbcClient itsDatabase = dying.getBean(JdbcClient.class);
                UUID client = UUID.randomUUID();
                itsDatabase.sql("INSERT INTO recipient_users (user_id, user_type, active, updated_at) VALUES (?, 'client', true, ?)")
                        .params(client, Timestamp.from(Instant.now())).update();
                Infrastructure.get().stopKafka();
                try {
                    notification = send(dying, client);
                    assertThat(itsDatabase.sql("SELECT count(*) FROM outbox_event").query(Long.class).single()).isEqualTo(1);
                } finally {
                    dying.close();
                    Infrastructure.get().startKafka();
                }
            }
            assertThat(dispatched.events(NotificationDispatched.class)).noneMatch(e -> e.notificationId().equals(notification));

            try (ConfigurableApplicationContext restarted = ServiceInstances.start(NotificationServiceApplication.class, database)) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(dispatched.events(NotificationDispatched.class))
                        .filteredOn(e -> e.notificationId().equals(notification)).hasSize(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> restarted.getBean(JdbcClient.class)
                        .sql("SELECT count(*) FROM outbox_event").query(Long.class).single() == 0);
            }
        }
    }

    private static UUID send(ConfigurableApplicationContext instance, UUID client) throws Exception {
        String port = instance.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/notifications"))
                        .header("Authorization", "Bearer " + TestTokens.admin(UUID.randomUUID()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Staff.toUsers("alert", client)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(Staff.JSON.readTree(response.body()).path("notification").path("id").asString());
    }
}
