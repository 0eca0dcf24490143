package com.luxedrive.realtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import org.json.JSONArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staff commands on the socket are forwarded, with the caller's token, to the services that own them (WireMock). */
@SpringBootTest
@RealInfrastructure
class StaffCommandsTest {

    private static final WireMockServer NOTIFICATION_SERVICE = Sockets.startedPeer();
    private static final WireMockServer VEHICLE_SERVICE = Sockets.startedPeer();

    @Autowired
    SocketServer server;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("luxe.realtime.notification-service-url", NOTIFICATION_SERVICE::baseUrl);
        registry.add("luxe.realtime.vehicle-service-url", VEHICLE_SERVICE::baseUrl);
    }

    @BeforeEach
    void reset() {
        NOTIFICATION_SERVICE.resetAll();
        VEHICLE_SERVICE.resetAll();
    }

    @AfterAll
    static void stop() {
        NOTIFICATION_SERVICE.stop();
        VEHICLE_SERVICE.stop();
    }

    @Test
    void staffSendANotificationFromTheSocketAndGetTheServicesAnswer() throws Exception {
        String token = TestTokens.admin(UUID.randomUUID());
        NOTIFICATION_SERVICE.stubFor(post(urlPathEqualTo("/api/notifications"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"title\":\"Recall\",\"message\":\"Brakes\",\"type\":\"alert\","
                        + "\"targetType\":\"all\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"notification\":{\"id\":\"n-1\",\"targetType\":\"all\",\"status\":\"sent\"},"
                                + "\"recipientCount\":42}")));

        try (TestSocket staff = new Sockets(server, listeners).loggedIn(token)) {
            JsonNode ack = staff.emitWithAck("notification:send", Map.of("title", "Recall", "message", "Brakes",
                    "type", "alert", "targetType", "all")).get(20, TimeUnit.SECONDS);

            assertThat(ack.path("ok").asBoolean()).isTrue();
            assertThat(ack.path("result").path("recipientCount").asInt()).isEqualTo(42);
            await().atMost(Sockets.WAIT).until(() -> !staff.events("notification:sent").isEmpty());
            // the contract's shape, not the service's answer
            JsonNode sent = staff.events("notification:sent").get(0);
            assertThat(sent.path("notificationId").asString()).isEqualTo("n-1");
            assertThat(sent.path("recipientCount").asInt()).isEqualTo(42);
            assertThat(sent.path("targetType").asString()).isEqualTo("all");
            assertThat(sent.has("notification")).isFalse();
        }
    }

    @Test
    void theServicesRefusalComesBackWithItsProblemTypeAsTheCode() throws Exception {
        NOTIFICATION_SERVICE.stubFor(post(urlPathEqualTo("/api/notifications"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://luxedrive.example/problems/validation\",\"status\":400,"
                                + "\"detail\":\"title must not be blank\"}")));

        try (TestSocket staff = new Sockets(server, listeners).loggedIn(TestTokens.support(UUID.randomUUID()))) {
            JsonNode ack = staff.emitWithAck("notification:send", Map.of("message", "no title"))
                    .get(20, TimeUnit.SECONDS);

            assertThat(ack.path("ok").asBoolean()).isFalse();
            assertThat(ack.path("error").path("code").asString()).isEqualTo("validation");
            assertThat(ack.path("error").path("message").asString()).isEqualTo("title must not be blank");
            assertThat(staff.events("notification:sent")).isEmpty();
            assertThat(staff.isConnected()).isTrue();
        }
    }

    @Test
    void aClientCannotUseStaffCommandsAndNothingIsForwarded() throws Exception {
        try (TestSocket client = new Sockets(server, listeners).loggedIn(TestTokens.client(UUID.randomUUID()))) {
            JsonNode send = client.emitWithAck("notification:send", Map.of("title", "x", "message", "y",
                    "type", "info", "targetType", "all")).get(20, TimeUnit.SECONDS);
            JsonNode update = client.emitWithAck("vehicle:update-request", Map.of("vehicleId",
                    UUID.randomUUID().toString(), "title", "x")).get(20, TimeUnit.SECONDS);

            assertThat(send.path("error").path("code").asString()).isEqualTo("forbidden");
            assertThat(update.path("error").path("code").asString()).isEqualTo("forbidden");
        }
        NOTIFICATION_SERVICE.verify(0, postRequestedFor(anyUrl()));
        VEHICLE_SERVICE.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void staffAskAnOwnerForAnUpdateFromTheSocket() throws Exception {
        String token = TestTokens.admin(UUID.randomUUID());
        UUID vehicle = UUID.randomUUID();
        VEHICLE_SERVICE.stubFor(post(urlPathEqualTo("/api/vehicles/" + vehicle + "/updates"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"updateType\":\"maintenance\",\"title\":\"Oil change\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"u-1\",\"status\":\"pending\"}")));

        try (TestSocket staff = new Sockets(server, listeners).loggedIn(token)) {
            JsonNode ack = staff.emitWithAck("vehicle:update-request", Map.of("vehicleId", vehicle.toString(),
                    "updateType", "maintenance", "title", "Oil change")).get(20, TimeUnit.SECONDS);
            JsonNode malformed = staff.emitWithAck("vehicle:update-request", Map.of("vehicleId", "not-an-id"))
                    .get(20, TimeUnit.SECONDS);

            assertThat(ack.path("ok").asBoolean()).isTrue();
            assertThat(ack.path("result").path("id").asString()).isEqualTo("u-1");
            assertThat(malformed.path("error").path("code").asString()).isEqualTo("bad_request");
            // a body that is not a JSON object at all, for either command
            for (String command : List.of("vehicle:update-request", "notification:send")) {
                for (Object body : List.of("Oil change", 7, new JSONArray(List.of(vehicle.toString())))) {
                    JsonNode refused = staff.emitAnyWithAck(command, body).get(20, TimeUnit.SECONDS);
                    assertThat(refused.path("error").path("code").asString()).as(command + " " + body)
                            .isEqualTo("bad_request");
                }
            }
            assertThat(staff.isConnected()).isTrue();
        }
        VEHICLE_SERVICE.verify(1, postRequestedFor(anyUrl()));
        NOTIFICATION_SERVICE.verify(0, postRequestedFor(anyUrl()));
    }
}
