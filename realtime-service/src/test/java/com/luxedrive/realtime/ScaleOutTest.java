package com.luxedrive.realtime;

import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.realtime.socket.RevokedTokens;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.Infrastructure;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.ServiceInstances;
import com.luxedrive.testsupport.TestEvents;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several realtime instances, each reading every dispatch; limits per user; session activity written in batches;
 * and a shutdown that first takes the instance out of readiness, then closes its sockets.
 */
// a fixed kernel send buffer: a client that stops reading must fill it, whatever the host lets one grow to
@SpringBootTest(properties = {"luxe.realtime.socket.max-per-user=2", "luxe.realtime.socket.send-buffer-bytes=65536"})
@RealInfrastructure
class ScaleOutTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    SocketServer server;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void aBroadcastReachesTheSocketsOfBothInstancesOnceEach() {
        String database = Infrastructure.get().createDatabase("second_realtime");
        try (ConfigurableApplicationContext second = ServiceInstances.start(RealtimeServiceApplication.class,
                database, Map.of("luxe.realtime.socket.port", 0, "luxe.realtime.socket.host", "127.0.0.1",
                        "luxe.realtime.socket.drain-delay", "0s"))) {
            Sockets here = new Sockets(server, listeners);
            Sockets there = new Sockets(second.getBean(SocketServer.class),
                    second.getBean(KafkaListenerEndpointRegistry.class));
            UUID user = UUID.randomUUID();
            try (TestSocket phone = here.loggedIn(TestTokens.client(user));
                 TestSocket laptop = there.loggedIn(TestTokens.client(user));
                 TestSocket someoneElse = there.loggedIn(TestTokens.client(UUID.randomUUID()))) {
                TestEvents.publish(dispatched(Audience.allClients()));
                TestEvents.publish(dispatched(Audience.users(List.of(user))));

                for (TestSocket socket : List.of(phone, laptop)) {
                    await().atMost(Sockets.WAIT).until(() -> socket.events("notification:received").size() >= 2);
                }
                await().atMost(Sockets.WAIT).until(() -> !someoneElse.events("notification:received").isEmpty());
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                        phone.events("notification:received").size() == 2
                                && laptop.events("notification:received").size() == 2
                                && someoneElse.events("notification:received").size() == 1);
            }
        }
    }

    /** An instance reads the users topic from the revocation window back before it takes a socket: it refuses tokens revoked before it started. */
    @Test
    void anInstanceStartedAfterALogoutRefusesTheTokensItRevoked() {
        UUID user = UUID.randomUUID();
        Instant loggedOut = Instant.now();
        Instant issuedBefore = loggedOut.minusSeconds(60);
        TestEvents.publish(new UserLoggedOut(user, loggedOut));

        String database = Infrastructure.get().createDatabase("late_realtime");
        try (ConfigurableApplicationContext late = ServiceInstances.start(RealtimeServiceApplication.class,
                database, Map.of("luxe.realtime.socket.port", 0, "luxe.realtime.socket.host", "127.0.0.1",
                        "luxe.realtime.socket.drain-delay", "0s"))) {
            // known from the start, not once the session-end listener has joined its group and caught up
            RevokedTokens revoked = late.getBean(RevokedTokens.class);
            assertThat(revoked.revoked(user, issuedBefore)).isTrue();

            Sockets sockets = new Sockets(late.getBean(SocketServer.class),
                    late.getBean(KafkaListenerEndpointRegistry.class));
            try (TestSocket refused = TestSocket.connect(sockets.url(), TestTokens.client(user, issuedBefore))) {
                await().atMost(Sockets.WAIT).until(() -> !refused.connectErrors().isEmpty());
                assertThat(refused.connectErrors().get(0).path("code").asString()).isEqualTo("token_revoked");
            }
            assertThat(revoked.revoked(user, loggedOut.plusSeconds(1))).isFalse();
        }
    }

    @Test
    void aUserMayHoldOnlySoManySocketsOnOneInstance() {
        Sockets sockets = new Sockets(server, listeners);
        UUID user = UUID.randomUUID();
        try (TestSocket first = sockets.loggedIn(TestTokens.client(user));
             TestSocket second = sockets.loggedIn(TestTokens.client(user));
             TestSocket third = TestSocket.connect(sockets.url(), TestTokens.client(user));
             TestSocket otherUser = sockets.loggedIn(TestTokens.client(UUID.randomUUID()))) {
            await().atMost(Sockets.WAIT).until(third::isDisconnected);
            assertThat(third.events("error")).extracting(error -> error.path("code").asString())
                    .containsExactly("too_many_sockets");
            assertThat(third.events("user:login-success")).isEmpty();
            assertThat(first.isConnected() && second.isConnected() && otherUser.isConnected()).isTrue();
        }
    }

    @Test
    void whatASocketDoesIsWrittenAsItsLastActivityInBatches() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = new Sockets(server, listeners).loggedIn(TestTokens.client(user))) {
            await().atMost(Sockets.WAIT).until(() -> sessionOf(user) != null);
            Instant connected = sessionOf(user);
            socket.emit("ping", Map.of());
            await().atMost(Sockets.WAIT).until(() -> !socket.events("pong").isEmpty());

            await().atMost(Sockets.WAIT).until(() -> sessionOf(user).isAfter(connected));
        }
    }

    /**
     * Closing the context (as on SIGTERM) takes the instance out of readiness first while it still works — the probe
     * answers "out of service", the socket stays open and still gets live notifications — and closes the sockets only
     * after the drain delay.
     */
    @Test
    void onShutdownReadinessGoesDownWhileTheSocketsAreStillServedThenTheyAreClosed() throws Exception {
        String database = Infrastructure.get().createDatabase("draining_realtime");
        ConfigurableApplicationContext draining = ServiceInstances.start(RealtimeServiceApplication.class,
                database, Map.of("luxe.realtime.socket.port", 0, "luxe.realtime.socket.host", "127.0.0.1",
                        "luxe.realtime.socket.drain-delay", "10s"));
        CompletableFuture<Void> closing = null;
        try {
            URI readiness = URI.create("http://127.0.0.1:"
                    + ((WebServerApplicationContext) draining).getWebServer().getPort() + "/actuator/health/readiness");
            Sockets sockets = new Sockets(draining.getBean(SocketServer.class),
                    draining.getBean(KafkaListenerEndpointRegistry.class));
            UUID user = UUID.randomUUID();
            try (TestSocket socket = sockets.loggedIn(TestTokens.client(user))) {
                assertThat(status(readiness)).isEqualTo(200);

                closing = CompletableFuture.runAsync(draining::close);

                await().atMost(Sockets.WAIT).until(() -> status(readiness) == 503);
                assertThat(socket.isConnected()).as("still open while the balancer learns").isTrue();
                TestEvents.publish(dispatched(Audience.users(List.of(user))));
                await().atMost(Sockets.WAIT).until(() -> !socket.events("notification:received").isEmpty());
                assertThat(draining.isActive()).as("still draining when the notification came").isTrue();

                await().atMost(Sockets.WAIT).until(socket::isDisconnected);
                closing.get(30, TimeUnit.SECONDS);
            }
        } finally {
            if (closing == null) {
                draining.close();
            }
        }
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * In a cold connect storm the event loops reach a connection's first request seconds after accepting it; that is
     * the server's backlog, not a silent client, so the connect deadline bounds it (netty-socketio closed such
     * connections after 5 s).
     */
    @Test
    void aConnectionWhoseFirstRequestComesAfterFiveSecondsIsStillServed() throws Exception {
        String database = Infrastructure.get().createDatabase("patient_realtime");
        try (ConfigurableApplicationContext patient = ServiceInstances.start(RealtimeServiceApplication.class,
                database, Map.of("luxe.realtime.socket.port", 0, "luxe.realtime.socket.host", "127.0.0.1",
                        "luxe.realtime.socket.drain-delay", "0s", "luxe.realtime.socket.connect-deadline", "20s"));
             Socket tcp = new Socket("127.0.0.1", patient.getBean(SocketServer.class).port())) {
            tcp.setSoTimeout(50);
            InputStream in = tcp.getInputStream();

            await().during(Duration.ofMillis(6_500)).atMost(Duration.ofSeconds(8)).until(() -> stillOpen(in));

            RawEngineSocket.writeUpgrade(tcp.getOutputStream());
            tcp.setSoTimeout(5_000);
            String headers = "";
            while (!headers.endsWith("\r\n\r\n")) {
                int next = in.read();
                assertThat(next).as("the server closed the connection").isNotNegative();
                headers += (char) next;
            }
            assertThat(headers).startsWith("HTTP/1.1 101");
        }
    }

    /**
     * Sockets that connect together (a storm, as after a deploy) are not pinged together for the rest of their
     * lives: each heartbeat is moved by a random part of the spread (1 s here: half the shorter of interval, 2 s, and
     * timeout, 4 s), and the first ping still comes before a client would give up (interval + timeout).
     */
    @Test
    void socketsThatConnectTogetherArePingedAtSpreadTimes() throws Exception {
        String database = Infrastructure.get().createDatabase("heartbeat_realtime");
        List<RawEngineSocket> storm = new ArrayList<>();
        try (ConfigurableApplicationContext heartbeats = ServiceInstances.start(RealtimeServiceApplication.class,
                database, Map.of("luxe.realtime.socket.port", 0, "luxe.realtime.socket.host", "127.0.0.1",
                        "luxe.realtime.socket.drain-delay", "0s", "luxe.realtime.socket.ping-interval", "2s",
                        "luxe.realtime.socket.ping-timeout", "4s", "luxe.realtime.socket.connect-deadline", "20s"))) {
            int port = heartbeats.getBean(SocketServer.class).port();
            for (int i = 0; i < 20; i++) {
                storm.add(RawEngineSocket.open(port));
            }
            await().atMost(Sockets.WAIT).until(() -> storm.stream()
                    .allMatch(socket -> socket.arrivalOf("2").isPresent()));

            List<Long> firstPingMillis = storm.stream().map(socket -> TimeUnit.NANOSECONDS.toMillis(
                    socket.arrivalOf("2").getAsLong() - socket.upgradeSent())).sorted().toList();
            // not before the interval (netty-socketio's timer ticks every 100 ms), before interval + timeout: from the
            // upgrade request, which the server's open (where its timer starts) cannot precede
            assertThat(firstPingMillis).allSatisfy(millis -> assertThat(millis).isBetween(1_850L, 5_999L));
            // the spread from each socket's open packet, so how long each open took under the storm adds none
            List<Long> fromOpen = storm.stream().map(socket -> TimeUnit.NANOSECONDS.toMillis(
                    socket.arrivalOf("2").getAsLong() - socket.arrivalOf("0{").getAsLong())).sorted().toList();
            assertThat(fromOpen.get(fromOpen.size() - 1) - fromOpen.get(0))
                    .as("spread of the first pings after the opens, ms: %s", fromOpen).isGreaterThanOrEqualTo(400L);
        } finally {
            for (RawEngineSocket socket : storm) {
                socket.close();
            }
        }
    }

    /** Whether the server has not closed {@code in}'s connection: a read that times out, rather than the end. */
    private static boolean stillOpen(InputStream in) {
        try {
            return in.read() >= 0;
        } catch (java.net.SocketTimeoutException nothingYet) {
            return true;
        } catch (java.io.IOException reset) {
            return false;
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndDoesNotHoldUpTheOthers() throws Exception {
        UUID slowUser = UUID.randomUUID();
        UUID fastUser = UUID.randomUUID();
        double droppedBefore = meters.counter("luxe.sockets.dropped.slow").count();
        Sockets sockets = new Sockets(server, listeners);
        try (Socket stalled = stalledWebsocket(TestTokens.client(slowUser));
             TestSocket fast = sockets.loggedIn(TestTokens.client(fastUser))) {
            await().atMost(Sockets.WAIT).until(() -> server.connectedSockets() >= 2);
            assertThat(serverClosed(stalled)).as("the stalled connection, seen from the server").isFalse();
            String big = "x".repeat(8 * 1024);
            int sent = 0;
            // enough to fill the kernels' buffers of a connection nobody reads (64 KiB set on the server's end, so
            // about 1.3 MB with Netty's 1 MiB), and far more
            while (sent < 2_000 && meters.counter("luxe.sockets.dropped.slow").count() == droppedBefore) {
                for (int i = 0; i < 50; i++, sent++) {
                    TestEvents.publish(new NotificationDispatched(UUID.randomUUID(), "Bulk " + sent, big, null, "info",
                            List.of(), Audience.users(List.of(slowUser, fastUser)), Instant.now()));
                }
                int expected = sent;
                await().atMost(Sockets.WAIT).until(() -> fast.events("notification:received").size() >= expected
                        || meters.counter("luxe.sockets.dropped.slow").count() > droppedBefore);
            }
            int published = sent;
            await().atMost(Sockets.WAIT).until(() -> meters.counter("luxe.sockets.dropped.slow").count() > droppedBefore);
            await().atMost(Sockets.WAIT).until(() -> fast.events("notification:received").size() == published);
            assertThat(fast.isConnected()).isTrue();
            // and the server closed its connection without waiting for it to read (reading here would let any
            // write the close might wait for complete)
            await().atMost(Sockets.WAIT).until(() -> serverClosed(stalled));
        }
    }

    /**
     * Whether the server's end of the connection has left {@code ESTABLISHED}, seen in Linux's connection tables
     * without reading from the client's end (which would let pending writes through).
     */
    private boolean serverClosed(Socket tcp) throws IOException {
        String serverPort = ":%04X".formatted(server.port());
        String clientPort = ":%04X".formatted(tcp.getLocalPort());
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(serverPort) && fields[2].endsWith(clientPort)) {
                    return !fields[3].equals("01");
                }
            }
        }
        return true;
    }

    /**
     * A websocket client that authenticates and then never reads again, with a small receive window: a raw TCP
     * connection speaking just enough of the websocket and Engine.IO protocols.
     */
    private Socket stalledWebsocket(String token) throws Exception {
        Socket tcp = new Socket();
        tcp.setReceiveBufferSize(4096);
        tcp.connect(new InetSocketAddress("127.0.0.1", server.port()));
        OutputStream out = tcp.getOutputStream();
        RawEngineSocket.writeUpgrade(out);
        InputStream in = tcp.getInputStream();
        String headers = "";
        while (!headers.endsWith("\r\n\r\n")) {
            headers += (char) in.read();
        }
        assertThat(headers).startsWith("HTTP/1.1 101");
        RawEngineSocket.writeTextFrame(out, "40{\"token\":\"" + token + "\"}");
        return tcp;
    }

    private Instant sessionOf(UUID user) {
        return jdbc.sql("SELECT last_activity_at FROM sessions WHERE user_id = ?").param(user)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    private static NotificationDispatched dispatched(Audience audience) {
        return new NotificationDispatched(UUID.randomUUID(), "Service due", "Your car is due", null, "maintenance",
                List.of(), audience, Instant.now());
    }
}
