package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.security.JwksKeyLocator;
import com.luxedrive.security.JwtVerificationProperties;
import com.luxedrive.security.LuxeTokenVerifier;
import com.luxedrive.testsupport.TestTokens;
import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The welcome of a socket authenticated in its handshake runs on the socket's event loop after the CONNECT answer;
 * the socket may be gone by then.
 */
class SocketAuthenticationTest {

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<UUID> welcomed = new CopyOnWriteArrayList<>();
    private final SocketAuthentication authentication = new SocketAuthentication(verifier(), properties(1), deadlines,
            Runnable::run, List.of((socket, user) -> welcomed.add(user.id())), new ClientSockets(),
            new RevokedTokens(Duration.ofMinutes(20), java.time.Clock.systemUTC()));

    @AfterEach
    void stop() {
        deadlines.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aSocketThatLeftBeforeItsWelcomeRanIsNeitherWelcomedNorCounted() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.client(user);
        SocketIOClient gone = MockSockets.socket(null);

        // on the socket's loop: the handshake queues the welcome, and the disconnect overtakes it
        loop.submit(() -> {
            authentication.handshake(Map.of("token", token), gone);
            authentication.disconnected(gone);
        }).get(10, TimeUnit.SECONDS);
        loop.submit(() -> { }).get(10, TimeUnit.SECONDS);

        assertThat(welcomed).isEmpty();
        verify(gone, never()).joinRoom(anyString());
        verify(gone, never()).sendEvent(eq(SocketEvents.LOGIN_SUCCESS), any());
        // nor does it hold the user's one place here
        SocketIOClient next = MockSockets.socket(null);
        authentication.handshake(Map.of("token", token), next);
        assertThat(welcomed).containsExactly(user);
        verify(next).sendEvent(eq(SocketEvents.LOGIN_SUCCESS), any());
        verify(next, never()).disconnect();
    }

    /** A pending expiry check would hold the socket (channel, store, buffers) until its token expires. */
    @Test
    void aSocketThatLeftNoLongerWaitsInTheDeadlinesQueueForItsTokensExpiry() {
        ScheduledThreadPoolExecutor queue = (ScheduledThreadPoolExecutor) new SocketConfiguration().socketDeadlines();
        try {
            SocketAuthentication withQueue = new SocketAuthentication(verifier(), properties(1), queue, Runnable::run,
                    List.of(), new ClientSockets(), new RevokedTokens(Duration.ofMinutes(20), java.time.Clock.systemUTC()));
            SocketIOClient socket = MockSockets.socket(null);
            withQueue.handshake(Map.of("token", TestTokens.client(UUID.randomUUID())), socket);
            assertThat(queue.getQueue()).as("the token's expiry check").hasSize(1);

            withQueue.disconnected(socket);

            assertThat(queue.getQueue()).isEmpty();
        } finally {
            queue.shutdownNow();
        }
    }

    /**
     * A session netty-socketio ended itself (a ping time-out) closes its connection: the library would only once its
     * DISCONNECT packet is written, which for a client that stopped reading is never.
     */
    @Test
    void aSocketWhoseSessionEndedHasItsWebsocketClosed() {
        io.netty.channel.embedded.EmbeddedChannel websocket = new io.netty.channel.embedded.EmbeddedChannel();
        SocketIOClient socket = MockSockets.socket(websocket);

        authentication.disconnected(socket);

        assertThat(websocket.isOpen()).isFalse();
    }

    private static LuxeTokenVerifier verifier() {
        JwtVerificationProperties properties = new JwtVerificationProperties(URI.create(TestTokens.jwksUri()),
                TestTokens.ISSUER, TestTokens.AUDIENCE, Duration.ofSeconds(30), Duration.ofSeconds(10), 100);
        return new LuxeTokenVerifier(properties, new JwksKeyLocator(properties, Clock.systemUTC()));
    }

    private static SocketProperties properties(int maxPerUser) {
        return new SocketProperties("127.0.0.1", 0, Duration.ofSeconds(5), Duration.ofSeconds(5), 65_536, 1_048_576,
                0, maxPerUser, 100, Duration.ZERO, Duration.ofSeconds(25), Duration.ofSeconds(20), 128, 1, 1);
    }
}
