package com.luxedrive.realtime.session;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes the session rows no instance will close: a session row is closed by its instance when the socket goes, and
 * an instance that is killed (or whose database is away at the disconnects) leaves its rows open for ever. Each
 * instance says it is alive ({@code realtime_instances}, the database's clock, so replicas' clocks are not compared);
 * every instance closes, at their last activity, the open sessions of instances not heard from for
 * {@code luxe.realtime.instance-stale-after} (closing is idempotent, so they may all do it). An instance sweeps only
 * after its own beats have succeeded for that long: after a database outage, the other instances need that time to
 * say again that they are alive, or their live sessions would be taken for orphans.
 */
@Component
class SessionSweep {

    private static final Logger log = LoggerFactory.getLogger(SessionSweep.class);

    private final JdbcClient jdbc;
    private final Duration staleAfter;
    /** Since when every beat of this instance succeeded ({@link System#nanoTime()}); null after a failed one. */
    private volatile Long beatingSince;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-sweep");
        thread.setDaemon(true);
        return thread;
    });

    SessionSweep(JdbcClient jdbc, @Value("${luxe.realtime.instance-stale-after:2m}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        // alive before the first socket's row is written, so no other instance takes this one's rows for orphans
        beat();
        beatingSince = System.nanoTime();
        long beatEvery = Math.max(1, staleAfter.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::beatQuietly, beatEvery, beatEvery, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, staleAfter.toMillis(), staleAfter.toMillis() / 2,
                TimeUnit.MILLISECONDS);
    }

    /** This instance is alive now. */
    void beat() {
        jdbc.sql("""
                        INSERT INTO realtime_instances (instance_id, seen_at) VALUES (?, now())
                        ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()""")
                .param(SessionRecorder.INSTANCE)
                .update();
    }

    /** @return how many open sessions of instances no longer alive were closed (this one's never: it beats first) */
    int closeOrphans() {
        beat();
        double stale = staleAfter.toMillis() / 1000.0;
        int closed = jdbc.sql("""
                        UPDATE sessions s SET disconnected_at = s.last_activity_at
                        WHERE s.disconnected_at IS NULL
                          AND s.connected_at < now() - make_interval(secs => ?)
                          AND NOT EXISTS (SELECT 1 FROM realtime_instances i
                                          WHERE i.instance_id = s.instance_id
                                            AND i.seen_at > now() - make_interval(secs => ?))""")
                .params(stale, stale)
                .update();
        // instances gone for a day, whose sessions are all closed by now
        jdbc.sql("DELETE FROM realtime_instances WHERE seen_at < now() - interval '1 day'").update();
        return closed;
    }

    private void beatQuietly() {
        try {
            beat();
            if (beatingSince == null) {
                beatingSince = System.nanoTime();
            }
        } catch (RuntimeException e) {
            beatingSince = null;
            log.warn("could not say this instance is alive (tried again shortly): {}", e.toString());
        }
    }

    private void sweepQuietly() {
        Long since = beatingSince;
        if (since == null || System.nanoTime() - since < staleAfter.toNanos()) {
            return;
        }
        try {
            int closed = closeOrphans();
            if (closed > 0) {
                log.info("closed {} sessions of realtime instances no longer alive", closed);
            }
        } catch (RuntimeException e) {
            log.warn("could not close the sessions of instances no longer alive: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
