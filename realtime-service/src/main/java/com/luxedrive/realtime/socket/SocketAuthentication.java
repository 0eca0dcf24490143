package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.luxedrive.security.InvalidTokenException;
import io.jsonwebtoken.Claims;
import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.security.LuxeTokenVerifier;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides who a socket is. A socket proves it with {@code auth: {token}} in the Socket.IO CONNECT (refused with
 * {@code connect_error} when bad) or with the seed's {@code user:login {token}} soon after connecting; one that does
 * neither within the deadline is disconnected. Until then nothing per-user happens for it: no room, no session row,
 * no event.
 */
public class SocketAuthentication {

    private static final Logger log = LoggerFactory.getLogger(SocketAuthentication.class);
    private static final String PRINCIPAL = "luxe.principal";
    private static final String WELCOMED = "luxe.welcomed";
    private static final String TOKEN = "luxe.token";
    private static final String EXPIRES = "luxe.expires";
    private static final String STEPS = "luxe.post-login-steps";
    private static final String REFUSED = "luxe.refused";
    private static final String LEFT = "luxe.left";
    private static final String ISSUED = "luxe.issued";
    private static final String EXPIRY_CHECK = "luxe.expiry-check";

    private final LuxeTokenVerifier verifier;
    private final SocketProperties properties;
    private final ScheduledExecutorService deadlines;
    private final Executor work;
    private final List<AuthenticatedSocketListener> listeners;
    private final ClientSockets clients;
    private final RevokedTokens revoked;

    SocketAuthentication(LuxeTokenVerifier verifier, SocketProperties properties, ScheduledExecutorService deadlines,
                         Executor work, List<AuthenticatedSocketListener> listeners, ClientSockets clients,
                         RevokedTokens revoked) {
        this.revoked = revoked;
        this.verifier = verifier;
        this.properties = properties;
        this.deadlines = deadlines;
        this.work = work;
        this.listeners = listeners;
        this.clients = clients;
    }

    public static Optional<LuxePrincipal> principal(SocketIOClient socket) {
        return Optional.ofNullable(socket.get(PRINCIPAL));
    }

    /** The access token the socket authenticated with, for calls made on the user's behalf. */
    public static Optional<String> token(SocketIOClient socket) {
        return Optional.ofNullable(socket.get(TOKEN));
    }

    private SocketIOServer server;
    /** Sockets each user holds here: counted, since a room's size costs a walk over its members. */
    private final Map<UUID, AtomicInteger> socketsPerUser = new ConcurrentHashMap<>();

    /** The server whose rooms tell how many sockets a user holds here. */
    void attach(SocketIOServer server) {
        this.server = server;
    }

    /**
     * Connect listener: fires when the transport opens, before any auth. A socket then has {@code connectDeadline}
     * to send its Socket.IO {@code CONNECT}, and {@code loginDeadline} from that {@code CONNECT} to authenticate (in
     * it, or by {@code user:login}).
     */
    void connected(SocketIOClient socket) {
        if (server != null && server.getAllClients().size() > properties.maxSockets()) {
            socket.sendEvent(SocketEvents.ERROR, SocketError.SERVER_FULL);
            SocketClose.tellAndEnforce(socket, deadlines);
            return;
        }
        long openedAt = System.nanoTime();
        deadlines.schedule(() -> checkLogin(socket, openedAt), properties.loginDeadline().toMillis(),
                TimeUnit.MILLISECONDS);
        spreadHeartbeat(socket, openedAt);
    }

    /**
     * Moves the socket's Engine.IO heartbeat by a random part of {@link SocketProperties#heartbeatSpread()}: the
     * server pings a socket an interval after the last ping, so sockets that connected together — a connect or
     * reconnect storm, as after a deploy — would be pinged together, and answer together, for as long as they live.
     * netty-socketio's {@code schedulePing} puts the next ping an interval after the call; it is called once, within
     * the spread of the open — well before the first ping is due, so the two never race, and early enough for the
     * client's patience. A move the scheduler runs later than that is left out.
     */
    private void spreadHeartbeat(SocketIOClient socket, long openedAt) {
        long spread = properties.heartbeatSpread().toNanos();
        if (spread <= 0 || !(socket instanceof NamespaceClient client)) {
            return;
        }
        deadlines.schedule(() -> {
            if (client.isChannelOpen() && System.nanoTime() - openedAt < spread) {
                client.getBaseClient().schedulePing();
            }
        }, ThreadLocalRandom.current().nextLong(spread), TimeUnit.NANOSECONDS);
    }

    /**
     * Closes a socket that is past its deadline without a principal, else looks again when it will be. A
     * {@code CONNECT} still waiting in the server's own queues (a connect storm) counts against the generous connect
     * deadline, not against the login deadline.
     */
    private void checkLogin(SocketIOClient socket, long openedAt) {
        if (principal(socket).isPresent() || !socket.isChannelOpen()) {
            return;
        }
        Long connectAt = socket.get(ConnectPacketSeen.AT);
        long due = connectAt != null
                ? connectAt + properties.loginDeadline().toNanos()
                : openedAt + properties.connectDeadline().toNanos();
        long left = due - System.nanoTime();
        if (left > 0) {
            deadlines.schedule(() -> checkLogin(socket, openedAt), left, TimeUnit.NANOSECONDS);
            return;
        }
        // the client may never see the error (it comes before the CONNECT answer when that is what was late): the log
        // tells a deadline from a lost socket
        log.info("closing a socket not authenticated in time: sessionId={} connectSeen={}", socket.getSessionId(),
                connectAt != null);
        socket.sendEvent(SocketEvents.ERROR, SocketError.UNAUTHENTICATED);
        SocketClose.tellAndEnforce(socket, deadlines);
    }

    /**
     * The namespace's auth-token listener: the v4 handshake {@code auth} payload. It runs on the socket's Netty event
     * loop before the CONNECT answer is written; the welcome is queued behind that answer on the same loop, so the
     * socket's first event never overtakes its connection.
     */
    AuthTokenResult handshake(Object auth, SocketIOClient socket) {
        Optional<Verified> token = verify(tokenOf(auth));
        Optional<LuxePrincipal> current = principal(socket);
        if (current.isPresent()) {
            // a second CONNECT on a logged-in socket (netty-socketio hands every CONNECT to this listener) may renew
            // its token, as user:login may, but never change whose socket it is: the socket stays in the first
            // user's rooms, and with another user's token would receive their events under someone else's expiry
            if (token.isEmpty() || !token.get().principal().id().equals(current.get().id())) {
                log.info("closing a socket whose CONNECT named another user: sessionId={}", socket.getSessionId());
                socket.sendEvent(SocketEvents.ERROR, SocketError.INVALID_TOKEN);
                SocketClose.tellAndEnforce(socket, deadlines);
                return new AuthTokenResult(false, SocketError.INVALID_TOKEN);
            }
            if (!revoked(token.get())) {
                hold(socket, tokenOf(auth), token.get());
            }
            return AuthTokenResult.AuthTokenResultSuccess;
        }
        if (token.isEmpty()) {
            return new AuthTokenResult(false, SocketError.INVALID_TOKEN);
        }
        if (revoked(token.get())) {
            return new AuthTokenResult(false, SocketError.TOKEN_REVOKED);
        }
        LuxePrincipal user = token.get().principal();
        hold(socket, tokenOf(auth), token.get());
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            welcome(socket, user);
        } else {
            loop.execute(() -> welcome(socket, user));
        }
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    /**
     * The seed's {@code user:login} event. Sent again on an authenticated socket with a fresh token of the same user,
     * it extends the socket's life to that token's expiry.
     */
    void login(SocketIOClient socket, Object body) {
        Optional<LuxePrincipal> current = principal(socket);
        if (current.isPresent()) {
            verify(tokenOf(body)).filter(token -> token.principal().id().equals(current.get().id()))
                    .filter(token -> !revoked(token))
                    .ifPresent(token -> hold(socket, tokenOf(body), token));
            return;
        }
        Optional<Verified> token = verify(tokenOf(body));
        if (token.isEmpty() || revoked(token.get())) {
            socket.sendEvent(SocketEvents.ERROR, token.isEmpty() ? SocketError.INVALID_TOKEN : SocketError.TOKEN_REVOKED);
            SocketClose.tellAndEnforce(socket, deadlines);
            return;
        }
        hold(socket, tokenOf(body), token.get());
        welcome(socket, token.get().principal());
    }

    /** The disconnect steps run after the socket's post-login steps, so a session row is closed after it exists. */
    void disconnected(SocketIOClient socket) {
        clients.left(socket);
        // the session is over, whoever ended it: its connection, and whatever it still buffers, go too
        SocketClose.connectionOf(socket);
        boolean counted;
        CompletableFuture<Void> steps;
        // a welcome still queued on the socket's loop when it left (or running on another thread) sees LEFT and
        // does nothing: no room, no count, no session row for a socket that is gone
        synchronized (socket) {
            socket.set(LEFT, Boolean.TRUE);
            counted = socket.has(WELCOMED) && !socket.has(REFUSED);
            steps = socket.get(STEPS);
        }
        ScheduledFuture<?> expiryCheck = socket.get(EXPIRY_CHECK);
        if (expiryCheck != null) {
            expiryCheck.cancel(false);
        }
        principal(socket).filter(user -> counted).ifPresent(user -> {
            // the library took the socket out of its rooms before telling us; a welcome that ran on another loop
            // in between (a ping time-out runs elsewhere) put it back, so leave them again
            socket.leaveRoom(Rooms.user(user.id()));
            socket.leaveRoom(user.isStaff() ? Rooms.STAFF : Rooms.CLIENTS);
            socketsPerUser.computeIfPresent(user.id(), (id, held) -> held.decrementAndGet() <= 0 ? null : held);
        });
        principal(socket).ifPresent(user -> {
            (steps == null ? CompletableFuture.<Void>completedFuture(null) : steps)
                    .whenCompleteAsync((done, failure) -> listeners.forEach(l -> l.disconnected(socket, user)), work)
                    .exceptionally(failure -> {
                        log.warn("disconnect steps failed userId={}: {}", user.id(), failure.toString());
                        return null;
                    });
        });
    }

    /** Rooms, then the listeners (session row, greeting), once per socket, and never for a socket that has left. */
    private void welcome(SocketIOClient socket, LuxePrincipal user) {
        synchronized (socket) {
            if (socket.has(WELCOMED) || socket.has(LEFT)) {
                return;
            }
            socket.set(WELCOMED, Boolean.TRUE);
            greet(socket, user);
        }
    }

    private void greet(SocketIOClient socket, LuxePrincipal user) {
        // counted inside the map's own update, so a disconnect that drops the user's last count meanwhile cannot
        // leave this socket counted on a counter no longer in the map
        boolean[] admitted = {false};
        socketsPerUser.compute(user.id(), (id, held) -> {
            AtomicInteger count = held == null ? new AtomicInteger() : held;
            if (count.get() < properties.maxPerUser()) {
                count.incrementAndGet();
                admitted[0] = true;
            }
            return count.get() == 0 ? null : count;
        });
        if (!admitted[0]) {
            socket.set(REFUSED, Boolean.TRUE);
            log.info("socket refused: userId={} already holds {} sockets here", user.id(), properties.maxPerUser());
            socket.sendEvent(SocketEvents.ERROR, SocketError.TOO_MANY_SOCKETS);
            SocketClose.tellAndEnforce(socket, deadlines);
            return;
        }
        socket.joinRoom(Rooms.user(user.id()));
        if (user.isStaff()) {
            socket.joinRoom(Rooms.STAFF);
        } else {
            socket.joinRoom(Rooms.CLIENTS);
            clients.joined(socket);
        }
        // after joining: a logout recorded since the token was checked either shows here, or its closing of the
        // user's room (endSessions) finds this socket in it
        if (revoked.revoked(user.id(), socket.get(ISSUED))) {
            socket.sendEvent(SocketEvents.ERROR, SocketError.TOKEN_REVOKED);
            SocketClose.tellAndEnforce(socket, deadlines);
            return;
        }
        closeOnExpiry(socket);
        // the greeting at once: it needs nothing the slower steps produce, and a connect storm should not wait
        socket.sendEvent(SocketEvents.LOGIN_SUCCESS, Map.of("userId", user.id().toString(),
                "userType", user.userType()));
        try {
            socket.set(STEPS, CompletableFuture.runAsync(() -> {
                for (AuthenticatedSocketListener listener : listeners) {
                    try {
                        listener.authenticated(socket, user);
                    } catch (RuntimeException e) {
                        log.warn("post-login step failed userId={}: {}", user.id(), e.toString());
                    }
                }
            }, work));
        } catch (RejectedExecutionException full) {
            socket.sendEvent(SocketEvents.ERROR, SocketError.unavailable("Too busy; reconnect shortly."));
            SocketClose.tellAndEnforce(socket, deadlines);
        }
    }

    /**
     * A socket lives as long as its token: at the expiry it gets {@code error {code: token_expired}} and is closed,
     * unless a {@code user:login} with a fresh token moved the expiry on (then the check is scheduled again).
     */
    private void closeOnExpiry(SocketIOClient socket) {
        Instant expires = socket.get(EXPIRES);
        if (expires == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), expires).toMillis());
        // kept to be cancelled when the socket leaves: a pending check holds the socket (its channel, store and
        // buffers) until the token's expiry, up to its whole life after the client went away
        socket.set(EXPIRY_CHECK, deadlines.schedule(() -> {
            if (!socket.isChannelOpen()) {
                return;
            }
            Instant now = socket.get(EXPIRES);
            if (now != null && now.isAfter(Instant.now())) {
                closeOnExpiry(socket);
            } else {
                socket.sendEvent(SocketEvents.ERROR, SocketError.TOKEN_EXPIRED);
                SocketClose.tellAndEnforce(socket, deadlines);
            }
        }, delay, TimeUnit.MILLISECONDS));
    }

    /**
     * Ends the sessions of a user who logged out or was deactivated at {@code at}: tokens issued before no longer
     * open a socket here, and the user's sockets opened with one are told {@code reason} and closed (a socket that
     * has since presented a newer token stays).
     */
    void endSessions(UUID userId, Instant at, SocketError reason) {
        revoked.revoke(userId, at);
        var sockets = server.getRoomOperations(Rooms.user(userId)).getClients();
        int closed = 0;
        for (SocketIOClient socket : sockets) {
            if (revoked.revoked(userId, socket.get(ISSUED))) {
                socket.sendEvent(SocketEvents.ERROR, reason);
                SocketClose.tellAndEnforce(socket, deadlines);
                closed++;
            }
        }
        if (closed > 0) {
            log.info("closed sockets userId={} count={} reason={}", userId, closed, reason.code());
        }
    }

    private boolean revoked(Verified token) {
        return revoked.revoked(token.principal().id(), token.issuedAt());
    }

    private static void hold(SocketIOClient socket, String token, Verified verified) {
        socket.set(PRINCIPAL, verified.principal());
        socket.set(TOKEN, token);
        socket.set(EXPIRES, verified.expiresAt());
        if (verified.issuedAt() != null) {
            socket.set(ISSUED, verified.issuedAt());
        } else {
            socket.del(ISSUED);
        }
    }

    private Optional<Verified> verify(String token) {
        try {
            Claims claims = verifier.verifiedClaims(token);
            return Optional.of(new Verified(LuxeTokenVerifier.principal(claims), instant(claims.getIssuedAt()),
                    instant(claims.getExpiration())));
        } catch (InvalidTokenException e) {
            log.debug("socket token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    /** A token that passed verification: whose it is, when it was issued (if it says), when it expires. */
    private record Verified(LuxePrincipal principal, Instant issuedAt, Instant expiresAt) {
    }

    private static String tokenOf(Object payload) {
        if (payload instanceof Map<?, ?> map && map.get("token") instanceof String token) {
            return token;
        }
        return null;
    }
}
