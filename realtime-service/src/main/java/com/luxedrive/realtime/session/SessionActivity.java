package com.luxedrive.realtime.session;

import com.corundumstudio.socketio.SocketIOServer;
import com.luxedrive.realtime.socket.SocketEventRegistrar;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A session's {@code last_activity_at}, kept cheaply: every event a socket sends only notes the time in memory, and
 * one statement per interval writes all the sockets that were active ({@code UPDATE … FROM unnest(…)}), however many
 * events they sent. What is pending is written on shutdown too.
 */
@Component
class SessionActivity implements SocketEventRegistrar {

    private static final Logger log = LoggerFactory.getLogger(SessionActivity.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-activity");
        thread.setDaemon(true);
        return thread;
    });

    SessionActivity(JdbcClient jdbc, Clock clock,
                    @Value("${luxe.realtime.session-activity-interval:15s}") Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void register(SocketIOServer server) {
        server.addEventInterceptor((socket, event, args, ack) -> pending.put(socket.getSessionId(), clock.instant()));
    }

    /** Writes the pending times in one statement; returns how many sessions it touched. */
    int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<UUID, Instant> batch = new HashMap<>();
        for (UUID session : pending.keySet()) {
            Instant at = pending.remove(session);
            if (at != null) {
                batch.put(session, at);
            }
        }
        String[] ids = batch.keySet().stream().map(UUID::toString).toArray(String[]::new);
        String[] times = batch.keySet().stream().map(id -> batch.get(id).toString()).toArray(String[]::new);
        try {
            return jdbc.sql("""
                            UPDATE sessions s SET last_activity_at = greatest(s.last_activity_at, a.at)
                            FROM unnest(?::uuid[], ?::timestamptz[]) AS a(id, at)
                            WHERE s.id = a.id""")
                    .params(ids, times)
                    .update();
        } catch (RuntimeException e) {
            batch.forEach((id, at) -> pending.merge(id, at, (mine, theirs) -> mine.isAfter(theirs) ? mine : theirs));
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("session activity not written (retried next time): {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdown();
        flushQuietly();
    }
}
