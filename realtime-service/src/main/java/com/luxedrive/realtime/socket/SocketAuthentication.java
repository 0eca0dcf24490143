package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.security.InvalidTokenException;
import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.security.LuxeTokenVerifier;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

    private final LuxeTokenVerifier verifier;
    private final SocketProperties properties;
    private final ScheduledExecutorService deadlines;
    private final Executor work;
    private final List<AuthenticatedSocketListener> listeners;

    public SocketAuthentication(LuxeTokenVerifier verifier, SocketProperties properties,
                                ScheduledExecutorService deadlines, Executor work,
                                List<AuthenticatedSocketListener> listeners) {
        this.verifier = verifier;
        this.properties = properties;
        this.deadlines = deadlines;
        this.work = work;
        this.listeners = listeners;
    }

    public static Optional<LuxePrincipal> principal(SocketIOClient socket) {
        return Optional.ofNullable(socket.get(PRINCIPAL));
    }

    /** The access token the socket authenticated with, for calls made on the user's behalf. */
    public static Optional<String> token(SocketIOClient socket) {
        return Optional.ofNullable(socket.get(TOKEN));
    }

    /** Connect listener: fires when the transport opens, before any auth; starts the clock. */
    void connected(SocketIOClient socket) {
        deadlines.schedule(() -> {
            if (principal(socket).isEmpty() && socket.isChannelOpen()) {
                socket.sendEvent(SocketEvents.ERROR, SocketError.UNAUTHENTICATED);
                socket.disconnect();
            }
        }, properties.loginDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The namespace's auth-token listener: the v4 handshake {@code auth} payload. It runs on the socket's Netty event
     * loop before the CONNECT answer is written; the welcome is queued behind that answer on the same loop, so the
     * socket's first event never overtakes its connection.
     */
    AuthTokenResult handshake(Object auth, SocketIOClient socket) {
        Optional<LuxePrincipal> user = verify(tokenOf(auth));
        if (user.isEmpty()) {
            return new AuthTokenResult(false, SocketError.INVALID_TOKEN);
        }
        socket.set(PRINCIPAL, user.get());
        socket.set(TOKEN, tokenOf(auth));
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            welcome(socket, user.get());
        } else {
            loop.execute(() -> welcome(socket, user.get()));
        }
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    /** The seed's {@code user:login} event. */
    void login(SocketIOClient socket, Object body) {
        if (principal(socket).isPresent()) {
            return;
        }
        Optional<LuxePrincipal> user = verify(tokenOf(body));
        if (user.isEmpty()) {
            socket.sendEvent(SocketEvents.ERROR, SocketError.INVALID_TOKEN);
            socket.disconnect();
            return;
        }
        socket.set(PRINCIPAL, user.get());
        socket.set(TOKEN, tokenOf(body));
        welcome(socket, user.get());
    }

    void disconnected(SocketIOClient socket) {
        principal(socket).ifPresent(user -> work.execute(() -> listeners.forEach(l -> l.disconnected(socket, user))));
    }

    /** Rooms, then the listeners (session row, greeting), once per socket. */
    private void welcome(SocketIOClient socket, LuxePrincipal user) {
        if (socket.has(WELCOMED)) {
            return;
        }
        socket.set(WELCOMED, Boolean.TRUE);
        socket.joinRoom(Rooms.user(user.id()));
        socket.joinRoom(user.isStaff() ? Rooms.STAFF : Rooms.CLIENTS);
        work.execute(() -> {
            for (AuthenticatedSocketListener listener : listeners) {
                try {
                    listener.authenticated(socket, user);
                } catch (RuntimeException e) {
                    log.warn("post-login step failed userId={}: {}", user.id(), e.toString());
                }
            }
        });
    }

    private Optional<LuxePrincipal> verify(String token) {
        try {
            return Optional.of(verifier.verify(token));
        } catch (InvalidTokenException e) {
            log.debug("socket token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String tokenOf(Object payload) {
        if (payload instanceof Map<?, ?> map && map.get("token") instanceof String token) {
            return token;
        }
        return null;
    }
}
