package com.luxedrive.realtime;

import com.luxedrive.events.Topics;
import com.luxedrive.events.receipts.VehicleUpdateAnswerSubmitted;
import com.luxedrive.events.vehicles.DocumentRejected;
import com.luxedrive.events.vehicles.VehicleUpdateAnswered;
import com.luxedrive.events.vehicles.VehicleUpdateCancelled;
import com.luxedrive.events.vehicles.VehicleUpdateCompleted;
import com.luxedrive.events.vehicles.VehicleUpdateRequested;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** Update requests and document reviews reach the right sockets; owners' socket answers go out as events. */
@SpringBootTest
@RealInfrastructure
class VehicleSocketTest {

    private static final Duration WAIT = Sockets.WAIT;

    @Autowired
    SocketServer server;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcClient jdbc;

    Sockets sockets;

    @BeforeEach
    void pushConsumersHoldTheirPartitions() {
        sockets = new Sockets(server, listeners);
    }

    @Test
    void anUpdateRequestReachesTheOwnerAndTheAnswerReachesStaff() {
        UUID owner = UUID.randomUUID();
        UUID vehicle = UUID.randomUUID();
        UUID update = UUID.randomUUID();
        try (TestSocket ownerSocket = loggedIn(TestTokens.client(owner));
             TestSocket otherClient = loggedIn(TestTokens.client(UUID.randomUUID()));
             TestSocket staff = loggedIn(TestTokens.support(UUID.randomUUID()))) {
            TestEvents.publish(new VehicleUpdateRequested(update, vehicle, owner, "recall", "Airbag recall",
                    "Replace the module", "urgent", null, UUID.randomUUID(), Instant.now()));
            await().atMost(WAIT).until(() -> !ownerSocket.events("vehicle:update-request").isEmpty());
            JsonNode request = ownerSocket.events("vehicle:update-request").get(0);
            assertThat(request.path("updateId").asString()).isEqualTo(update.toString());
            assertThat(request.path("vehicleId").asString()).isEqualTo(vehicle.toString());
            assertThat(request.path("priority").asString()).isEqualTo("urgent");

            TestEvents.publish(new VehicleUpdateAnswered(update, vehicle, owner, false, "abroad", Instant.now()));
            await().atMost(WAIT).until(() -> !staff.events("vehicle:update-response").isEmpty());
            JsonNode answer = staff.events("vehicle:update-response").get(0);
            assertThat(answer.path("userId").asString()).isEqualTo(owner.toString());
            assertThat(answer.path("approved").asBoolean()).isFalse();
            assertThat(answer.path("reason").asString()).isEqualTo("abroad");

            assertThat(otherClient.events("vehicle:update-request")).isEmpty();
            assertThat(staff.events("vehicle:update-request")).isEmpty();
            assertThat(ownerSocket.events("vehicle:update-response")).isEmpty();
            assertThat(otherClient.events("vehicle:update-response")).isEmpty();
        }
    }

    @Test
    void theEndOfAnUpdateRequestReachesTheOwnerItWasAddressedToOnly() {
        UUID owner = UUID.randomUUID();
        UUID vehicle = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-29T09:30:00Z");
        try (TestSocket ownerSocket = loggedIn(TestTokens.client(owner));
             TestSocket otherClient = loggedIn(TestTokens.client(UUID.randomUUID()));
             TestSocket staff = loggedIn(TestTokens.admin(UUID.randomUUID()))) {
            TestEvents.publish(new VehicleUpdateCompleted(completed, vehicle, owner, at));
            TestEvents.publish(new VehicleUpdateCancelled(cancelled, vehicle, owner, at.plusSeconds(60)));

            await().atMost(WAIT).until(() -> ownerSocket.events("vehicle:update-status").size() == 2);
            assertThat(ownerSocket.events("vehicle:update-status"))
                    .extracting(event -> event.path("updateId").asString(), event -> event.path("vehicleId").asString(),
                            event -> event.path("status").asString(), event -> event.path("timestamp").asString())
                    .containsExactly(
                            tuple(completed.toString(), vehicle.toString(), "completed",
                                    "2026-11-29T09:30:00Z"),
                            tuple(cancelled.toString(), vehicle.toString(), "cancelled",
                                    "2026-11-29T09:31:00Z"));
            // a later event to the owner arrived after both, so neither went to the others
            TestEvents.publish(new DocumentRejected(UUID.randomUUID(), vehicle, owner, "insurance", "Unreadable",
                    UUID.randomUUID(), Instant.now()));
            await().atMost(WAIT).until(() -> !ownerSocket.events("document:reviewed").isEmpty());
            assertThat(otherClient.events("vehicle:update-status")).isEmpty();
            assertThat(staff.events("vehicle:update-status")).isEmpty();
        }
    }

    @Test
    void aDocumentReviewReachesTheOwner() {
        UUID owner = UUID.randomUUID();
        try (TestSocket ownerSocket = loggedIn(TestTokens.client(owner))) {
            TestEvents.publish(new DocumentRejected(UUID.randomUUID(), UUID.randomUUID(), owner, "insurance",
                    "Unreadable", UUID.randomUUID(), Instant.now()));
            await().atMost(WAIT).until(() -> !ownerSocket.events("document:reviewed").isEmpty());
            JsonNode review = ownerSocket.events("document:reviewed").get(0);
            assertThat(review.path("status").asString()).isEqualTo("rejected");
            assertThat(review.path("reason").asString()).isEqualTo("Unreadable");
        }
    }

    @Test
    void theOwnersSocketAnswerIsRelayedAsAnEvent() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID update = UUID.randomUUID();
        UUID vehicle = UUID.randomUUID();
        try (TopicProbe receipts = TopicProbe.open(Topics.RECEIPTS);
             TestSocket socket = loggedIn(TestTokens.client(owner))) {
            JsonNode ack = socket.emitWithAck("vehicle:update-response", Map.of("updateId", update.toString(),
                    "vehicleId", vehicle.toString(), "approved", true, "reason", "Tuesday works")).get(20, TimeUnit.SECONDS);

            assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(receipts.events(VehicleUpdateAnswerSubmitted.class))
                    .filteredOn(event -> event.updateId().equals(update))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.userId()).isEqualTo(owner);
                        assertThat(event.vehicleId()).isEqualTo(vehicle);
                        assertThat(event.approved()).isTrue();
                        assertThat(event.reason()).isEqualTo("Tuesday works");
                    }));
        }
    }

    @Test
    void staffAnswersAndMalformedAnswersAreRefusedAndPublishNothing() throws Exception {
        Map<String, Object> valid = Map.of("updateId", UUID.randomUUID().toString(),
                "vehicleId", UUID.randomUUID().toString(), "approved", true);
        UUID clientId = UUID.randomUUID();
        UUID staffId = UUID.randomUUID();
        try (TopicProbe receipts = TopicProbe.open(Topics.RECEIPTS);
             TestSocket staff = loggedIn(TestTokens.admin(staffId));
             TestSocket client = loggedIn(TestTokens.client(clientId))) {
            assertThat(staff.emitWithAck("vehicle:update-response", valid).get(20, TimeUnit.SECONDS)
                    .path("error").path("code").asString()).isEqualTo("forbidden");

            Map<String, Object> notABoolean = new HashMap<>(valid);
            notABoolean.put("approved", "yes");
            Map<String, Object> tooLong = new HashMap<>(valid);
            tooLong.put("reason", "x".repeat(501));
            Map<String, Object> badId = new HashMap<>(valid);
            badId.put("updateId", "1 OR 1=1");
            // a text vehicle-service's database cannot store
            Map<String, Object> nul = new HashMap<>(valid);
            nul.put("reason", "not \u0000 now");
            for (Map<String, Object> body : java.util.List.of(notABoolean, tooLong, badId, nul)) {
                JsonNode ack = client.emitWithAck("vehicle:update-response", body).get(20, TimeUnit.SECONDS);
                assertThat(ack.path("ok").asBoolean()).isFalse();
                assertThat(ack.path("error").path("code").asString()).isEqualTo("bad_request");
            }
            // a valid answer after the refused ones: once it is out, so would they be
            UUID barrier = UUID.randomUUID();
            Map<String, Object> accepted = new HashMap<>(valid);
            accepted.put("updateId", barrier.toString());
            assertThat(client.emitWithAck("vehicle:update-response", accepted).get(20, TimeUnit.SECONDS)
                    .path("ok").asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> receipts.events(VehicleUpdateAnswerSubmitted.class).stream()
                    .anyMatch(event -> event.updateId().equals(barrier)));
            assertThat(receipts.events(VehicleUpdateAnswerSubmitted.class))
                    .filteredOn(event -> event.userId().equals(clientId) || event.userId().equals(staffId))
                    .extracting(VehicleUpdateAnswerSubmitted::updateId)
                    .containsExactly(barrier);
        }
    }

    private TestSocket loggedIn(String token) {
        return sockets.loggedIn(token);
    }
}
