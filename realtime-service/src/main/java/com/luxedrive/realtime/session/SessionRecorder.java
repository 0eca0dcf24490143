package com.luxedrive.realtime.session;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.realtime.socket.AuthenticatedSocketListener;
import com.luxedrive.security.LuxePrincipal;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/** Writes a session row when a socket authenticates and closes it when the socket goes. */
@Component
@Order(0)
class SessionRecorder implements AuthenticatedSocketListener {

    /** Tells this instance's rows apart from other replicas'. */
    static final String INSTANCE = UUID.randomUUID().toString();

    private final JdbcClient jdbc;
    private final Clock clock;

    SessionRecorder(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void authenticated(SocketIOClient socket, LuxePrincipal user) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO sessions (id, user_id, user_type, ip, user_agent, instance_id, connected_at,
                                              last_activity_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(socket.getSessionId(), user.id(), user.userType(), ip(socket),
                        truncate(socket.getHandshakeData().getHttpHeaders().get("User-Agent")), INSTANCE, now, now)
                .update();
    }

    @Override
    public void disconnected(SocketIOClient socket, LuxePrincipal user) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE sessions SET disconnected_at = ?, last_activity_at = ? WHERE id = ?")
                .params(now, now, socket.getSessionId())
                .update();
    }

    private static String ip(SocketIOClient socket) {
        InetAddress peer = socket.getRemoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
        return ClientAddress.of(peer, socket.getHandshakeData().getHttpHeaders().get("X-Forwarded-For"));
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 512 ? value : value.substring(0, 512);
    }
}
