package com.luxedrive.realtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code vehicle:list} after a client's login, from vehicle-service (WireMock here) with the client's own token. */
@SpringBootTest
@RealInfrastructure
class VehicleListTest {

    private static final WireMockServer VEHICLE_SERVICE = Sockets.startedPeer();

    @Autowired
    SocketServer server;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void vehicleService(DynamicPropertyRegistry registry) {
        registry.add("luxe.realtime.vehicle-service-url", VEHICLE_SERVICE::baseUrl);
        // the same WireMock answers for notification-service's history of what a client missed
        registry.add("luxe.realtime.notification-service-url", VEHICLE_SERVICE::baseUrl);
        registry.add("luxe.realtime.vehicle-list-timeout", () -> "30s");
    }

    @AfterAll
    static void stop() {
        VEHICLE_SERVICE.stop();
    }

    @Test
    void aClientGetsTheirVehiclesOnceLoggedInAndAReconnectIsServedFromTheCache() {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        String vehicle = UUID.randomUUID().toString();
        VEHICLE_SERVICE.stubFor(get(urlPathEqualTo("/api/vehicles")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"content\":[{\"id\":\"" + vehicle + "\",\"make\":\"Bentley\"}],\"totalElements\":1}")));
        Sockets sockets = new Sockets(server, listeners);

        try (TestSocket socket = sockets.loggedIn(token);
             TestSocket staff = sockets.loggedIn(TestTokens.admin(UUID.randomUUID()))) {
            await().atMost(Sockets.WAIT).until(() -> !socket.events("vehicle:list").isEmpty());
            JsonNode list = socket.events("vehicle:list").get(0);
            assertThat(list.isArray()).isTrue();
            assertThat(list.get(0).path("id").asString()).isEqualTo(vehicle);
            assertThat(staff.events("vehicle:list")).isEmpty();
        }
        try (TestSocket again = sockets.loggedIn(token)) {
            await().atMost(Sockets.WAIT).until(() -> !again.events("vehicle:list").isEmpty());
        }
        VEHICLE_SERVICE.verify(1, getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    /** Live notifications wait for the replay of what the client missed, not for its vehicle list. */
    @Test
    void aSlowVehicleServiceDoesNotHoldUpLiveNotifications() {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        VEHICLE_SERVICE.stubFor(get(urlPathEqualTo("/api/vehicles")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"content\":[],\"totalElements\":0}").withFixedDelay(12_000)));
        VEHICLE_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"content\":[],\"more\":false}")));
        try (TestSocket socket = new Sockets(server, listeners).loggedIn(token)) {
            UUID live = UUID.randomUUID();
            TestEvents.publish(new NotificationDispatched(live, "Live", "Just now", null, "info", List.of(),
                    Audience.users(List.of(client)), Instant.now()));

            await().atMost(Sockets.WAIT).until(() -> !socket.events("notification:received").isEmpty());
            assertThat(socket.events("vehicle:list")).as("the vehicle list is still on its way").isEmpty();
            await().atMost(Duration.ofSeconds(40)).until(() -> !socket.events("vehicle:list").isEmpty());
        }
    }

    @Test
    void vehicleServiceFailingIsAnErrorEventAndTheSocketStaysOpen() {
        String token = TestTokens.client(UUID.randomUUID());
        VEHICLE_SERVICE.stubFor(get(urlPathEqualTo("/api/vehicles")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(503)));
        try (TestSocket socket = new Sockets(server, listeners).loggedIn(token)) {
            await().atMost(Sockets.WAIT).until(() -> socket.events("error").stream()
                    .anyMatch(error -> error.path("code").asString().equals("vehicles_unavailable")));
            assertThat(socket.events("vehicle:list")).isEmpty();
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
