package com.luxedrive.realtime;

import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.InboxChanged;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.json.JSONArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure
class SocketFlowTest {

    private static final Duration WAIT = Sockets.WAIT;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void handshakeTokenLogsTheSocketInAndRecordsASession() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.connect(url(), TestTokens.client(user))) {
            await().atMost(WAIT).until(() -> !socket.events("user:login-success").isEmpty());

            JsonNode greeting = socket.events("user:login-success").get(0);
            assertThat(greeting.path("userId").asString()).isEqualTo(user.toString());
            assertThat(greeting.path("userType").asString()).isEqualTo("client");
            await().atMost(WAIT).until(() -> jdbc.sql(
                    "SELECT count(*) FROM sessions WHERE user_id = ? AND disconnected_at IS NULL")
                    .param(user).query(Long.class).single() == 1);
        }
        await().atMost(WAIT).until(() -> jdbc.sql(
                "SELECT count(*) FROM sessions WHERE user_id = ? AND disconnected_at IS NOT NULL")
                .param(user).query(Long.class).single() == 1);
    }

    @Test
    void badTokenIsRefusedWithConnectError() {
        try (TestSocket socket = TestSocket.connect(url(), TestTokens.forged(UUID.randomUUID()))) {
            await().atMost(WAIT).until(() -> !socket.connectErrors().isEmpty());

            assertThat(socket.connectErrors().get(0).path("code").asString()).isEqualTo("invalid_token");
            assertThat(socket.wasConnected()).isFalse();
        }
    }

    /**
     * A new session takes the id in the {@code io} header — the gateway's, which says which instance holds it — but
     * never one that names a live session (netty-socketio would put the new session in its place), nor anything but
     * a UUID. And the service adds no CORS headers of its own: the gateway answers for CORS, and two
     * {@code Access-Control-Allow-Origin} values on a poll make a browser refuse it.
     */
    @Test
    void aNewSessionTakesTheGivenIdUnlessItNamesALiveSessionAndGetsNoCorsHeaders() throws Exception {
        String given = UUID.randomUUID().toString();
        HttpResponse<String> handshake = pollingHandshake(given);
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).startsWith("0{\"sid\":\"" + given + "\"");
        assertThat(handshake.headers().map().keySet())
                .noneMatch(header -> header.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));

        // the session connects to the namespace (its CONNECT answered): it is live
        String base = "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling&sid=" + given;
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString("40"))
                .header("Content-Type", "text/plain;charset=UTF-8").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString())
                .body()).startsWith("40");

        HttpResponse<String> claim = pollingHandshake(given);
        assertThat(claim.statusCode()).isEqualTo(200);
        assertThat(claim.body()).startsWith("0{\"sid\":\"").doesNotContain(given);
        // netty-socketio reads an "io" cookie when the header is missing: it is never consulted
        HttpResponse<String> cookie = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling"))
                .header("Cookie", "io=" + given).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.body()).startsWith("0{\"sid\":\"").doesNotContain(given);
        assertThat(pollingHandshake("not-a-uuid").body()).startsWith("0{\"sid\":\"").doesNotContain("not-a-uuid");
    }

    private HttpResponse<String> pollingHandshake(String sessionId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling"))
                .header("Origin", "http://localhost:3000")
                .header("io", sessionId)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSeedsUserLoginEventAuthenticatesAfterConnecting() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.connect(url(), null)) {
            await().atMost(WAIT).until(socket::isConnected);
            socket.emit("user:login", Map.of("token", TestTokens.admin(user)));

            await().atMost(WAIT).until(() -> !socket.events("user:login-success").isEmpty());
            assertThat(socket.events("user:login-success").get(0).path("userType").asString()).isEqualTo("admin");
        }
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosedAndReceivesNothing() {
        try (TestSocket anonymous = TestSocket.connect(url(), null)) {
            await().atMost(WAIT).until(anonymous::isConnected);
            TestEvents.publish(dispatched(Audience.allClients()));

            await().atMost(WAIT).until(anonymous::isDisconnected);
            assertThat(anonymous.events("error")).extracting(e -> e.path("code").asString()).contains("unauthenticated");
            assertThat(anonymous.events("notification:received")).isEmpty();
        }
    }

    /**
     * A second Socket.IO {@code CONNECT} on a socket already logged in may renew its token, never change whose socket
     * it is: the socket stays in its first user's rooms, so with another user's token it would go on receiving the
     * first user's events under the second's identity and expiry.
     */
    @Test
    void aSecondConnectWithAnotherUsersTokenClosesTheSocket() throws Exception {
        UUID first = UUID.randomUUID();
        try (RawEngineSocket raw = RawEngineSocket.open(server.port())) {
            await().atMost(WAIT).until(() -> raw.arrivalOf("0{").isPresent());
            raw.send("40{\"token\":\"" + TestTokens.client(first) + "\"}");
            await().atMost(WAIT).until(() -> raw.arrivalOf("42[\"user:login-success\"").isPresent());
            raw.send("40{\"token\":\"" + TestTokens.client(first) + "\"}");
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> !raw.isDisconnected());

            raw.send("40{\"token\":\"" + TestTokens.client(UUID.randomUUID()) + "\"}");

            await().atMost(WAIT).until(raw::isDisconnected);
        }
    }

    /**
     * The login deadline counts from the socket's Socket.IO {@code CONNECT}, not from the transport's open: in a
     * connect storm the server's own queues may hold a {@code CONNECT} (with a valid token) past the deadline, and
     * that is not the client's fault.
     */
    @Test
    void theLoginDeadlineCountsFromTheConnectPacketNotFromTheTransportsOpen() throws Exception {
        try (RawEngineSocket raw = RawEngineSocket.open(server.port())) {
            await().atMost(WAIT).until(() -> !raw.frames().isEmpty());
            assertThat(raw.frames().get(0)).startsWith("0{");

            // past the login deadline (1.5 s here) without a CONNECT: still open (closed at the connect deadline, 4 s,
            // after which this cannot hold, however long it is given)
            await().during(Duration.ofMillis(2_500)).atMost(WAIT).until(() -> !raw.isDisconnected());

            raw.send("40");
            await().atMost(WAIT).until(raw::isDisconnected);
            assertThat(raw.frames()).anyMatch(frame -> frame.startsWith("42[\"error\"")
                    && frame.contains("unauthenticated"));
        }
    }

    @Test
    void aSocketThatNeverSendsItsConnectIsClosedAtTheConnectDeadline() throws Exception {
        try (RawEngineSocket raw = RawEngineSocket.open(server.port())) {
            await().atMost(WAIT).until(() -> !raw.frames().isEmpty());

            // 4 s here (60 s by default), not the login deadline (1.5 s)
            await().during(Duration.ofMillis(2_500)).atMost(WAIT).until(() -> !raw.isDisconnected());
            await().atMost(WAIT).until(raw::isDisconnected);
            assertThat(raw.frames()).anyMatch(frame -> frame.contains("unauthenticated"));
        }
    }

    @Test
    void aNotificationReachesOnlyTheUsersItIsAddressedTo() {
        UUID addressee = UUID.randomUUID();
        UUID bystander = UUID.randomUUID();
        try (TestSocket mine = loggedIn(TestTokens.client(addressee));
             TestSocket theirs = loggedIn(TestTokens.client(bystander))) {
            NotificationDispatched forAddressee = dispatched(Audience.users(List.of(addressee)));
            NotificationDispatched forBystander = dispatched(Audience.users(List.of(bystander)));
            TestEvents.publish(forAddressee);
            TestEvents.publish(forBystander);

            await().atMost(WAIT).until(() -> !theirs.events("notification:received").isEmpty());
            await().atMost(WAIT).until(() -> !mine.events("notification:received").isEmpty());
            assertThat(mine.events("notification:received")).extracting(e -> e.path("id").asString())
                    .containsExactly(forAddressee.notificationId().toString());
            assertThat(theirs.events("notification:received")).extracting(e -> e.path("id").asString())
                    .containsExactly(forBystander.notificationId().toString());
            assertThat(mine.events("notification:received").get(0).path("title").asString()).isEqualTo("Service due");
        }
    }

    /** A send to vehicles of several owners: each owner's sockets are shown their own vehicles only. */
    @Test
    void aSendToVehiclesShowsEachOwnerTheirOwnVehiclesOnly() {
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID adasCar = UUID.randomUUID();
        UUID bobsCar = UUID.randomUUID();
        try (TestSocket adas = loggedIn(TestTokens.client(ada));
             TestSocket adasOther = loggedIn(TestTokens.client(ada));
             TestSocket bobs = loggedIn(TestTokens.client(bob))) {
            TestEvents.publish(new NotificationDispatched(UUID.randomUUID(), "Recall", "Please book", null,
                    "maintenance", List.of(adasCar, bobsCar), Audience.users(List.of(ada, bob)), Instant.now(),
                    Map.of(ada, List.of(adasCar), bob, List.of(bobsCar))));

            for (TestSocket socket : List.of(adas, adasOther, bobs)) {
                await().atMost(WAIT).until(() -> !socket.events("notification:received").isEmpty());
            }
            for (TestSocket socket : List.of(adas, adasOther)) {
                assertThat(socket.events("notification:received")).singleElement()
                        .satisfies(e -> assertThat(e.path("vehicleIds").valueStream().map(JsonNode::asString))
                                .containsExactly(adasCar.toString()));
            }
            assertThat(bobs.events("notification:received")).singleElement()
                    .satisfies(e -> assertThat(e.path("vehicleIds").valueStream().map(JsonNode::asString))
                            .containsExactly(bobsCar.toString()));
        }
    }

    @Test
    void broadcastToAllReachesClientsButNotStaff() {
        UUID staffId = UUID.randomUUID();
        try (TestSocket client = loggedIn(TestTokens.client(UUID.randomUUID()));
             TestSocket staff = loggedIn(TestTokens.admin(staffId))) {
            NotificationDispatched toAll = dispatched(Audience.allClients());
            TestEvents.publish(toAll);
            await().atMost(WAIT).until(() -> !client.events("notification:received").isEmpty());

            // addressed to the staff member after the broadcast went out: written to the socket after it, had it been
            NotificationDispatched marker = dispatched(Audience.users(List.of(staffId)));
            TestEvents.publish(marker);
            await().atMost(WAIT).until(() -> !staff.events("notification:received").isEmpty());
            assertThat(staff.events("notification:received"))
                    .extracting(event -> event.path("id").asString())
                    .containsExactly(marker.notificationId().toString());
        }
    }

    /**
     * A websocket gets the frame encoded once for all sockets; a socket still on long-polling gets the event through
     * netty-socketio: the same event, fields intact, once each, whichever way.
     */
    @Test
    void aBroadcastReachesWebsocketUpgradedAndPollingSocketsOnceWithTheContractsFields() {
        UUID vehicle = UUID.randomUUID();
        try (TestSocket websocket = loggedIn(TestTokens.client(UUID.randomUUID()));
             TestSocket upgraded = TestSocket.connectWithPolling(url(), TestTokens.client(UUID.randomUUID()));
             TestSocket polling = TestSocket.pollingOnly(url(), TestTokens.client(UUID.randomUUID()))) {
            List<TestSocket> sockets = List.of(websocket, upgraded, polling);
            for (TestSocket socket : sockets) {
                await().atMost(WAIT).until(() -> !socket.events("user:login-success").isEmpty());
            }
            NotificationDispatched toAll = new NotificationDispatched(UUID.randomUUID(), "Rappel \"entretien\" 🚗",
                    "Votre véhicule\nest prêt", "https://cdn.example/a.png", "maintenance", List.of(vehicle),
                    Audience.allClients(), Instant.parse("2026-11-26T10:15:30Z"));
            TestEvents.publish(toAll);

            for (TestSocket socket : sockets) {
                await().atMost(WAIT).until(() -> !socket.events("notification:received").isEmpty());
            }
            // one more, so a duplicate of the first would have arrived before it
            NotificationDispatched next = dispatched(Audience.allClients());
            TestEvents.publish(next);
            for (TestSocket socket : sockets) {
                await().atMost(WAIT).until(() -> socket.events("notification:received").size() >= 2);
                assertThat(socket.events("notification:received")).extracting(e -> e.path("id").asString())
                        .containsExactly(toAll.notificationId().toString(), next.notificationId().toString());
                JsonNode received = socket.events("notification:received").get(0);
                assertThat(received.path("title").asString()).isEqualTo("Rappel \"entretien\" 🚗");
                assertThat(received.path("message").asString()).isEqualTo("Votre véhicule\nest prêt");
                assertThat(received.path("imageUrl").asString()).isEqualTo("https://cdn.example/a.png");
                assertThat(received.path("type").asString()).isEqualTo("maintenance");
                assertThat(received.path("timestamp").asString()).isEqualTo("2026-11-26T10:15:30Z");
                assertThat(received.path("vehicleIds").get(0).asString()).isEqualTo(vehicle.toString());
            }
        }
    }

    @Test
    void readingOnASocketPublishesAReadReceiptAndTellsTheUsersSockets() throws Exception {
        UUID user = UUID.randomUUID();
        UUID notification = UUID.randomUUID();
        try (TopicProbe receipts = TopicProbe.open(Topics.RECEIPTS);
             TestSocket phone = loggedIn(TestTokens.client(user));
             TestSocket laptop = loggedIn(TestTokens.client(user))) {
            JsonNode ack = phone.emitWithAck("notification:read", Map.of("notificationId", notification.toString()))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(receipts.records())
                    .filteredOn(record -> record.key().equals(user.toString()))
                    .singleElement()
                    .satisfies(record -> {
                        NotificationReceiptRecorded receipt = EventJson.read(record.value(), NotificationReceiptRecorded.class);
                        assertThat(receipt.notificationId()).isEqualTo(notification);
                        assertThat(receipt.status()).isEqualTo("read");
                    }));
            await().atMost(WAIT).until(() -> !laptop.events("notification:acknowledged").isEmpty());
        }
    }

    @Test
    void aReadMadeElsewhereUpdatesTheUsersSocketsBadge() {
        UUID user = UUID.randomUUID();
        UUID notification = UUID.randomUUID();
        try (TestSocket socket = loggedIn(TestTokens.client(user));
             TestSocket someoneElse = loggedIn(TestTokens.client(UUID.randomUUID()))) {
            TestEvents.publish(new InboxChanged(user, notification, "read", 3, Instant.now()));

            await().atMost(WAIT).until(() -> !socket.events("notification:acknowledged").isEmpty());
            JsonNode change = socket.events("notification:acknowledged").get(0);
            assertThat(change.path("notificationId").asString()).isEqualTo(notification.toString());
            assertThat(change.path("status").asString()).isEqualTo("read");
            assertThat(change.path("unreadCount").asLong()).isEqualTo(3);
            assertThat(someoneElse.events("notification:acknowledged")).isEmpty();
        }
    }

    @Test
    void logoutAndDeactivationCloseTheUsersSockets() {
        UUID leaving = UUID.randomUUID();
        UUID deactivated = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        // tokens issued a minute before the logout
        Instant issued = Instant.now().minusSeconds(60);
        try (TestSocket first = loggedIn(TestTokens.client(leaving, issued));
             TestSocket second = loggedIn(TestTokens.client(leaving, issued));
             TestSocket banned = loggedIn(TestTokens.client(deactivated, issued));
             TestSocket other = loggedIn(TestTokens.client(staying))) {
            TestEvents.publish(new UserLoggedOut(leaving, Instant.now()));
            TestEvents.publish(new UserDeactivated(deactivated, Instant.now()));

            await().atMost(WAIT).until(() -> first.isDisconnected() && second.isDisconnected() && banned.isDisconnected());
            assertThat(first.events("error")).extracting(e -> e.path("code").asString()).contains("logged_out");
            assertThat(banned.events("error")).extracting(e -> e.path("code").asString())
                    .contains("account_deactivated");
            assertThat(other.isConnected()).isTrue();
        }
    }

    /**
     * A frame whose JSON does not parse gets an {@code error} event, and the socket lives on. netty-socketio logged
     * such a frame whole at ERROR — a {@code user:login} with its token — and the client heard nothing.
     */
    @Test
    void aFrameThatIsNotJsonGetsAnErrorAndTheSocketLivesOn() throws Exception {
        try (RawEngineSocket raw = RawEngineSocket.open(server.port())) {
            await().atMost(WAIT).until(() -> raw.arrivalOf("0{").isPresent());
            raw.send("40{\"token\":\"" + TestTokens.client(UUID.randomUUID()) + "\"}");
            await().atMost(WAIT).until(() -> raw.arrivalOf("42[\"user:login-success\"").isPresent());

            raw.send("42[\"notification:read\",{\"notificationId\":");

            await().atMost(WAIT).until(() -> raw.frames().stream()
                    .anyMatch(frame -> frame.startsWith("42[\"error\"") && frame.contains("bad_request")));
            raw.send("42[\"ping\"]");
            await().atMost(WAIT).until(() -> raw.arrivalOf("42[\"pong\"").isPresent());
            assertThat(raw.isClosedByServer()).isFalse();
        }
    }

    /**
     * Over long-polling each request may come on a connection of its own. netty-socketio knows a connection's client
     * only on the one that made the handshake: a malformed POST on another got no answer (and, on a connection the
     * gateway's pool had used for another session's handshake, that session got the error).
     */
    @Test
    void aMalformedFramePostedOnAConnectionOfItsOwnGetsAnErrorOnThatSocket() throws Exception {
        String handshake = fresh().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/socket.io/?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String sid = handshake.substring(handshake.indexOf("\"sid\":\"") + 7, handshake.indexOf("\"", 9));
        String session = "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling&sid=" + sid;
        assertThat(post(session, "40{\"token\":\"" + TestTokens.client(UUID.randomUUID()) + "\"}")).isEqualTo(200);
        await().atMost(WAIT).until(() -> poll(session).contains("user:login-success"));

        assertThat(post(session, "42[\"notification:read\",{\"notificationId\":")).isEqualTo(200);

        await().atMost(WAIT).until(() -> {
            String packets = poll(session);
            return packets.contains("42[\"error\"") && packets.contains("bad_request");
        });
        assertThat(post(session, "42[\"ping\"]")).isEqualTo(200);
        await().atMost(WAIT).until(() -> poll(session).contains("42[\"pong\""));
    }

    /** A client of its own, so each request opens a connection of its own. */
    private static HttpClient fresh() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static int post(String session, String packet) throws Exception {
        return fresh().send(HttpRequest.newBuilder(URI.create(session)).POST(HttpRequest.BodyPublishers.ofString(packet))
                .header("Content-Type", "text/plain;charset=UTF-8").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** What one long-poll brings (the server answers it at once when it has packets, else after its ping interval). */
    private static String poll(String session) throws Exception {
        return fresh().send(HttpRequest.newBuilder(URI.create(session)).timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * A client that ignores the {@code DISCONNECT} packet ({@code 41}) — a hand-written one with a stolen token, say —
     * is closed by the server all the same: its connection ends, and it stops being the user's socket. It used to keep
     * its session, its rooms and its principal for as long as it answered pings.
     */
    @Test
    void aClientIgnoringTheDisconnectPacketIsClosedByTheServer() throws Exception {
        UUID leaving = UUID.randomUUID();
        try (RawEngineSocket raw = RawEngineSocket.open(server.port())) {
            await().atMost(WAIT).until(() -> raw.arrivalOf("0{").isPresent());
            raw.send("40{\"token\":\"" + TestTokens.client(leaving, Instant.now().minusSeconds(60)) + "\"}");
            await().atMost(WAIT).until(() -> raw.arrivalOf("42[\"user:login-success\"").isPresent());

            TestEvents.publish(new UserLoggedOut(leaving, Instant.now()));

            await().atMost(WAIT).until(() -> raw.frames().contains("41"));
            // well within the ping time-out (45 s), which would end a silent client anyway
            await().atMost(Duration.ofSeconds(10)).until(raw::isClosedByServer);
        }
    }

    /**
     * A logout or a deactivation revokes the tokens issued before it: the token still verifies, but neither the
     * handshake nor {@code user:login} accepts it any more; a token issued after it does.
     */
    @Test
    void aTokenIssuedBeforeALogoutOrADeactivationNoLongerOpensASocket() {
        UUID leaving = UUID.randomUUID();
        UUID deactivated = UUID.randomUUID();
        Instant end = Instant.now();
        String leavingBefore = TestTokens.client(leaving, end.minusSeconds(60));
        String deactivatedBefore = TestTokens.client(deactivated, end.minusSeconds(60));
        try (TestSocket open = loggedIn(leavingBefore);
             TestSocket banned = loggedIn(deactivatedBefore)) {
            TestEvents.publish(new UserLoggedOut(leaving, end));
            TestEvents.publish(new UserDeactivated(deactivated, end));
            await().atMost(WAIT).until(() -> open.isDisconnected() && banned.isDisconnected());
            assertThat(open.events("error")).extracting(error -> error.path("code").asString())
                    .contains("logged_out");
            assertThat(banned.events("error")).extracting(error -> error.path("code").asString())
                    .contains("account_deactivated");
        }

        for (String revoked : List.of(leavingBefore, deactivatedBefore)) {
            try (TestSocket handshake = TestSocket.connect(url(), revoked)) {
                await().atMost(WAIT).until(() -> !handshake.connectErrors().isEmpty());
                assertThat(handshake.connectErrors().get(0).path("code").asString()).isEqualTo("token_revoked");
                assertThat(handshake.wasConnected()).isFalse();
            }
            // opened now, so its login deadline (1.5 s here) runs from here
            try (TestSocket seedLogin = TestSocket.connect(url(), null)) {
                await().atMost(WAIT).until(seedLogin::isConnected);
                seedLogin.emit("user:login", Map.of("token", revoked));
                await().atMost(WAIT).until(seedLogin::isDisconnected);
                assertThat(seedLogin.events("error")).extracting(error -> error.path("code").asString())
                        .containsExactly("token_revoked");
                assertThat(seedLogin.events("user:login-success")).isEmpty();
            }
        }
        try (TestSocket signedInAgain = loggedIn(TestTokens.client(leaving, end.plusSeconds(1)))) {
            assertThat(signedInAgain.events("user:login-success")).hasSize(1);
        }
    }

    @Test
    void aReceiptWithoutAValidIdIsRefusedAndPublishesNothing() throws Exception {
        UUID user = UUID.randomUUID();
        try (TopicProbe receipts = TopicProbe.open(Topics.RECEIPTS);
             TestSocket socket = loggedIn(TestTokens.client(user))) {
            JsonNode ack = socket.emitWithAck("notification:acknowledge", Map.of("notificationId", "42; DROP TABLE"))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(ack.path("ok").asBoolean()).isFalse();
            assertThat(ack.path("error").path("code").asString()).isEqualTo("bad_request");
            // a valid receipt after the refused one: once it is out, so would the other be
            UUID valid = UUID.randomUUID();
            assertThat(socket.emitWithAck("notification:acknowledge", Map.of("notificationId", valid.toString()))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> receipts.events(NotificationReceiptRecorded.class).stream()
                    .anyMatch(receipt -> receipt.notificationId().equals(valid)));
            assertThat(receipts.events(NotificationReceiptRecorded.class))
                    .filteredOn(receipt -> receipt.userId().equals(user))
                    .extracting(NotificationReceiptRecorded::notificationId)
                    .containsExactly(valid);
        }
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedAndTheSocketLivesOn() throws Exception {
        List<Object> notObjects = List.of("notificationId", 42, new JSONArray(List.of(UUID.randomUUID().toString())));
        try (TestSocket socket = loggedIn(TestTokens.client(UUID.randomUUID()))) {
            for (String event : List.of("notification:acknowledge", "notification:read", "vehicle:update-response")) {
                for (Object body : notObjects) {
                    JsonNode ack = socket.emitAnyWithAck(event, body).get(20, TimeUnit.SECONDS);
                    assertThat(ack.path("ok").asBoolean()).as(event + " " + body).isFalse();
                    assertThat(ack.path("error").path("code").asString()).as(event + " " + body)
                            .isEqualTo("bad_request");
                }
            }
            // without an acknowledgement asked for, the answer is an error event
            socket.emitAny("notification:read", "not an object");
            await().atMost(Sockets.WAIT).until(() -> socket.events("error").stream()
                    .anyMatch(error -> error.path("code").asString().equals("bad_request")));
            assertThat(socket.isConnected()).isTrue();
        }
    }

    private TestSocket loggedIn(String token) {
        return sockets.loggedIn(token);
    }

    private static NotificationDispatched dispatched(Audience audience) {
        return new NotificationDispatched(UUID.randomUUID(), "Service due", "Your car is due", null, "maintenance",
                List.of(), audience, Instant.now());
    }

    private String url() {
        return sockets.url();
    }
}
