package com.luxedrive.vehicle;

import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.events.users.UserUpdated;
import com.luxedrive.testsupport.ConsumerGroups;
import com.luxedrive.testsupport.Infrastructure;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.vehicle.Fixtures.body;
import static com.luxedrive.vehicle.Fixtures.plate;
import static com.luxedrive.vehicle.Fixtures.vehicleJson;
import static com.luxedrive.vehicle.Fixtures.vin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What flows in from {@code luxe.users.v1} and out to {@code luxe.vehicles.v1}, also across a Kafka outage. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class VehicleEventsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.consumer.group-id}")
    String consumerGroup;

    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(mvc, jdbc);
    }

    @Test
    void theOwnerProjectionFollowsRegistrationsDeactivationsAndReactivations() throws Exception {
        UUID client = UUID.randomUUID();
        UUID staff = UUID.randomUUID();
        Instant registered = Instant.now();
        TestEvents.publish(new UserRegistered(client, "Ada Client", "client", "client", true, registered));
        TestEvents.publish(new UserRegistered(staff, "Sam Support", "admin", "support", true, registered));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(client) && known(staff));

        fixtures.register(vehicleJson(client, vin(), plate())).andExpect(status().isCreated());
        fixtures.register(vehicleJson(staff, vin(), plate())).andExpect(status().isBadRequest());

        TestEvents.publish(new UserDeactivated(client, registered.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !active(client));
        fixtures.register(vehicleJson(client, vin(), plate())).andExpect(status().isBadRequest());

        // A late copy of the registration must not undo the deactivation that followed it.
        TestEvents.publish(new UserRegistered(client, "Ada Client", "client", "client", true, registered));
        ConsumerGroups.awaitCaughtUp(consumerGroup, Topics.USERS, Duration.ofSeconds(30));
        assertThat(active(client)).isFalse();

        TestEvents.publish(new UserUpdated(client, "Ada Client", "client", "client", true, registered.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> active(client));
        fixtures.register(vehicleJson(client, vin(), plate())).andExpect(status().isCreated());
    }

    /** A deactivation read before the registration it follows (sent again late by an operator) still holds. */
    @Test
    void aDeactivationThatOvertookTheRegistrationIsNotUndoneByIt() throws Exception {
        UUID client = UUID.randomUUID();
        Instant registered = Instant.now();
        TestEvents.publish(new UserDeactivated(client, registered.plusSeconds(1)));
        TestEvents.publish(new UserRegistered(client, "Ada Client", "client", "client", true, registered));
        ConsumerGroups.awaitCaughtUp(consumerGroup, Topics.USERS, Duration.ofSeconds(30));

        assertThat(known(client)).isTrue();
        assertThat(active(client)).isFalse();
        fixtures.register(vehicleJson(client, vin(), plate())).andExpect(status().isBadRequest());
    }

    @Test
    void aVehicleRegisteredWhileKafkaIsDownIsAnnouncedExactlyOnceWhenItComesBack() throws Exception {
        UUID owner = fixtures.client();
        try (TopicProbe vehicles = TopicProbe.open(Topics.VEHICLES)) {
            String id;
            Infrastructure.get().stopKafka();
            try {
                id = body(fixtures.register(vehicleJson(owner, vin(), plate())).andExpect(status().isCreated()))
                        .path("id").asString();
                assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?").param(id)
                        .query(Long.class).single()).isEqualTo(1);
            } finally {
                Infrastructure.get().startKafka();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event")
                    .query(Long.class).single() == 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> vehicles.records().stream()
                    .anyMatch(record -> record.key().equals(id)));
            assertThat(vehicles.records()).filteredOn(record -> record.key().equals(id)).hasSize(1);
        }
    }

    private boolean known(UUID user) {
        return jdbc.sql("SELECT count(*) FROM owner_users WHERE user_id = ?").param(user).query(Long.class).single() == 1;
    }

    private boolean active(UUID user) {
        return jdbc.sql("SELECT active FROM owner_users WHERE user_id = ?").param(user).query(Boolean.class).single();
    }
}
