package com.luxedrive.realtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A (re)connecting client first gets what none of its devices acknowledged (from notification-service, WireMock
 * here), oldest first, then live notifications — none twice, none before the replay; and a socket does not outlive
 * its token.
 */
@SpringBootTest
@RealInfrastructure
class CatchUpTest {

    private static final WireMockServer NOTIFICATION_SERVICE = Sockets.startedPeer();

    @Autowired
    SocketServer server;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void notificationService(DynamicPropertyRegistry registry) {
        registry.add("luxe.realtime.notification-service-url", NOTIFICATION_SERVICE::baseUrl);
        // a fixed kernel send buffer, as small as a slow client's network: the large replay below must outgrow what
        // the kernels hold on both ends, whatever the host's tcp_wmem lets a buffer grow to (on one CI host the
        // system's own took the whole replay, and the server never had to wait)
        registry.add("luxe.realtime.socket.send-buffer-bytes", () -> 64 * 1024);
    }

    @AfterAll
    static void stop() {
        NOTIFICATION_SERVICE.stop();
    }

    @Test
    void aReconnectingClientGetsWhatItMissedOldestFirstThenLiveWithNoDuplicate() {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        UUID missedFirst = UUID.randomUUID();
        UUID missedThen = UUID.randomUUID();
        NOTIFICATION_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"content\":[" + item(missedFirst, "2026-11-20T10:00:00Z") + ","
                        + item(missedThen, "2026-11-21T10:00:00Z") + "],\"more\":false}")
                        // live events published meanwhile must wait for the replay
                        .withFixedDelay(1_500)));
        Sockets sockets = new Sockets(server, listeners);
        double deliveriesBefore = meters.counter("luxe.socket.deliveries").count();
        long livePushesBefore = meters.timer("luxe.delivery.latency").count();
        long dispatchesBefore = meters.timer("luxe.push.received.latency").count();
        long fanOutsBefore = meters.timer("luxe.push.fanout").count();
        long writtenBefore = meters.timer("luxe.push.written").count();

        try (TestSocket socket = TestSocket.connect(sockets.url(), token)) {
            await().atMost(Sockets.WAIT).until(() -> !socket.events("user:login-success").isEmpty());
            UUID live = UUID.randomUUID();
            TestEvents.publish(dispatched(missedThen, Audience.users(List.of(client))));
            TestEvents.publish(dispatched(live, Audience.allClients()));

            await().atMost(Sockets.WAIT).until(() -> socket.events("notification:received").size() >= 3);
            assertThat(socket.events("notification:received")).extracting(event -> event.path("id").asString())
                    .containsExactly(missedFirst.toString(), missedThen.toString(), live.toString());
            JsonNode replayed = socket.events("notification:received").get(0);
            assertThat(replayed.path("title").asString()).isEqualTo("Missed " + missedFirst);
            assertThat(replayed.path("timestamp").asString()).isEqualTo("2026-11-20T10:00:00Z");

            // later pushes of what it already has are dropped; a new one goes straight out
            UUID later = UUID.randomUUID();
            TestEvents.publish(dispatched(live, Audience.allClients()));
            TestEvents.publish(dispatched(later, Audience.users(List.of(client))));
            await().atMost(Sockets.WAIT).until(() -> socket.events("notification:received").size() >= 4);
            assertThat(socket.events("notification:received")).extracting(event -> event.path("id").asString())
                    .containsExactly(missedFirst.toString(), missedThen.toString(), live.toString(), later.toString());
        }
        // what reached the socket is what is counted; only live pushes have a latency
        assertThat(meters.counter("luxe.socket.deliveries").count() - deliveriesBefore).isEqualTo(4);
        assertThat(meters.timer("luxe.delivery.latency").count() - livePushesBefore).isEqualTo(2);
        // each dispatch read from Kafka is timed once, however many sockets it goes to
        assertThat(meters.timer("luxe.push.received.latency").count() - dispatchesBefore).isEqualTo(4);
        assertThat(meters.timer("luxe.push.fanout").count() - fanOutsBefore).isEqualTo(4);
        // and once more when the last socket it went to has been written (by the event loop, after the write)
        await().atMost(Sockets.WAIT).until(() -> meters.timer("luxe.push.written").count() - writtenBefore == 4);
    }

    /**
     * A replay larger than a connection's outbound buffer ({@code max-unsent-bytes}, 1 MiB): 500 notifications of
     * 5 000 two-byte characters, to a client whose network takes them slowly (a small receive buffer, and its reading
     * held while the replay is written), and as many large live notifications sent meanwhile. Written in one go on the
     * event loop, the replay filled the buffer before the network could take it, and the client was closed as one
     * that had stopped reading, to be sent the same replay on its reconnect. Now the replay, then the live ones that
     * waited for it, go at the network's pace, and all of it arrives once the client reads.
     */
    @Test
    void aReplayLargerThanTheOutboundBufferReachesAClientThatReadsItSlowly() throws Exception {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        List<UUID> missed = java.util.stream.Stream.generate(UUID::randomUUID).limit(500).toList();
        String message = "é".repeat(5_000);
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < missed.size(); i++) {
            content.append(i == 0 ? "" : ",").append("{\"id\":\"").append(missed.get(i))
                    .append("\",\"title\":\"Missed\",\"message\":\"").append(message)
                    .append("\",\"type\":\"info\",\"timestamp\":\"")
                    .append(Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i)).append("\",\"vehicleIds\":[]}");
        }
        NOTIFICATION_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"content\":[" + content + "],\"more\":true}")));
        double droppedBefore = meters.counter("luxe.sockets.dropped.slow").count();
        double pausedBefore = meters.counter("luxe.socket.replay.pauses").count();

        try (RawEngineSocket raw = RawEngineSocket.open(server.port(), 64 * 1024)) {
            await().atMost(Sockets.WAIT).until(() -> raw.arrivalOf("0{").isPresent());
            raw.pauseReading();
            raw.send("40{\"token\":\"" + token + "\"}");
            // the server has written what the network took, and either waits for more room or gave up on the client
            await().atMost(Sockets.WAIT).until(() -> meters.counter("luxe.socket.replay.pauses").count() > pausedBefore
                    || meters.counter("luxe.sockets.dropped.slow").count() > droppedBefore);
            // as many large live notifications meanwhile, waiting in the gate: they too must go at the client's pace
            List<UUID> meanwhile = java.util.stream.Stream.generate(UUID::randomUUID).limit(150).toList();
            long writtenBefore = meters.timer("luxe.push.written").count();
            meanwhile.forEach(id -> TestEvents.publish(new NotificationDispatched(id, "Meanwhile", message, null,
                    "info", List.of(), Audience.users(List.of(client)), Instant.now())));
            await().atMost(Sockets.WAIT).until(() ->
                    meters.timer("luxe.push.written").count() - writtenBefore >= meanwhile.size());
            raw.resumeReading();

            int expected = missed.size() + meanwhile.size();
            await().atMost(Sockets.WAIT).until(() -> receivedIds(raw).size() >= expected || raw.isDisconnected());
            List<String> received = receivedIds(raw);
            assertThat(received).hasSize(expected);
            assertThat(received.subList(0, missed.size()))
                    .containsExactlyElementsOf(missed.stream().map(UUID::toString).toList());
            // in the order they were read from their partitions (keyed by notification id), each once
            assertThat(received.subList(missed.size(), expected))
                    .containsExactlyInAnyOrderElementsOf(meanwhile.stream().map(UUID::toString).toList());
            // and the gate opened after it: a live notification goes straight out
            UUID live = UUID.randomUUID();
            TestEvents.publish(dispatched(live, Audience.users(List.of(client))));
            await().atMost(Sockets.WAIT).until(() -> receivedIds(raw).contains(live.toString()));
            assertThat(raw.isDisconnected()).isFalse();
        }
        assertThat(meters.counter("luxe.sockets.dropped.slow").count()).isEqualTo(droppedBefore);
    }

    /** The ids of the notifications a raw socket received, in order. */
    private static List<String> receivedIds(RawEngineSocket raw) {
        return raw.frames().stream().filter(frame -> frame.startsWith("42[\"notification:received\""))
                .map(frame -> frame.substring(frame.indexOf("\"id\":\"") + 6, frame.indexOf("\"id\":\"") + 42))
                .toList();
    }

    @Test
    void whenTheHistoryCannotBeReadTheClientIsToldAndLiveNotificationsStillFlow() {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        NOTIFICATION_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(503)));
        try (TestSocket socket = new Sockets(server, listeners).loggedIn(token)) {
            await().atMost(Sockets.WAIT).until(() -> socket.events("error").stream()
                    .anyMatch(error -> error.path("code").asString().equals("catch_up_unavailable")));
            UUID live = UUID.randomUUID();
            TestEvents.publish(dispatched(live, Audience.users(List.of(client))));
            await().atMost(Sockets.WAIT).until(() -> socket.events("notification:received").stream()
                    .anyMatch(event -> event.path("id").asString().equals(live.toString())));
            assertThat(socket.isConnected()).isTrue();
        }
        // asked three times before giving up
        NOTIFICATION_SERVICE.verify(3, getRequestedFor(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void anItemThatCannotBeReplayedIsLeftOutAndTheRestAndLiveNotificationsFlow() {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        UUID missed = UUID.randomUUID();
        // the first item has no time: it cannot be replayed, and must hold up neither the next nor live pushes
        NOTIFICATION_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"content\":[{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"No time\","
                        + "\"message\":\"m\",\"type\":\"info\"}," + item(missed, "2026-11-20T10:00:00Z")
                        + "],\"more\":false}")));
        try (TestSocket socket = replayedThenLive(token, client, missed)) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void aHistoryThatFailsOnceIsAskedAgainAndTheReplayStillComesBeforeLiveNotifications() {
        UUID client = UUID.randomUUID();
        String token = TestTokens.client(client);
        UUID missed = UUID.randomUUID();
        String scenario = "flaky history " + client;
        NOTIFICATION_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        NOTIFICATION_SERVICE.stubFor(get(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"content\":[" + item(missed, "2026-11-20T10:00:00Z") + "],\"more\":false}")));
        try (TestSocket socket = replayedThenLive(token, client, missed)) {
            assertThat(socket.events("error")).extracting(error -> error.path("code").asString())
                    .doesNotContain("catch_up_unavailable");
        }
        NOTIFICATION_SERVICE.verify(2, getRequestedFor(urlPathEqualTo("/api/notifications/undelivered"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpiresUnlessAFreshLoginExtendsIt() {
        UUID client = UUID.randomUUID();
        Sockets sockets = new Sockets(server, listeners);
        try (TestSocket expiring = sockets.loggedIn(TestTokens.token(client, "client", "client", Duration.ofSeconds(3)));
             TestSocket renewed = sockets.loggedIn(TestTokens.token(client, "client", "client", Duration.ofSeconds(3)))) {
            renewed.emit("user:login", Map.of("token", TestTokens.client(client)));

            await().atMost(Sockets.WAIT).until(expiring::isDisconnected);
            assertThat(expiring.events("error")).extracting(error -> error.path("code").asString())
                    .contains("token_expired");
            // both tokens ran out together; the renewed socket outlives the first by far
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(renewed::isConnected);
            assertThat(renewed.events("error")).extracting(error -> error.path("code").asString())
                    .doesNotContain("token_expired");
        }
    }

    private static String item(UUID id, String timestamp) {
        return "{\"id\":\"" + id + "\",\"title\":\"Missed " + id + "\",\"message\":\"While you were away\","
                + "\"imageUrl\":null,\"type\":\"info\",\"timestamp\":\"" + timestamp + "\",\"vehicleIds\":[]}";
    }


    /** A logged-in socket that received {@code missed} (the replay), then a live notification published after it. */
    private TestSocket replayedThenLive(String token, UUID client, UUID missed) {
        TestSocket socket = new Sockets(server, listeners).loggedIn(token);
        try {
            UUID live = UUID.randomUUID();
            TestEvents.publish(dispatched(live, Audience.users(List.of(client))));
            await().atMost(Sockets.WAIT).until(() -> socket.events("notification:received").size() >= 2);
            assertThat(socket.events("notification:received")).extracting(event -> event.path("id").asString())
                    .containsExactly(missed.toString(), live.toString());
            return socket;
        } catch (RuntimeException | AssertionError failed) {
            socket.close();
            throw failed;
        }
    }
    private static NotificationDispatched dispatched(UUID id, Audience audience) {
        return new NotificationDispatched(id, "Live " + id, "Just now", null, "info", List.of(), audience,
                Instant.now());
    }
}
