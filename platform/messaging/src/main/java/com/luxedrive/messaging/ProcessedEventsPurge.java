package com.luxedrive.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Forgets the events consumers applied once no redelivery can bring them back: a record is redelivered only while
 * the broker keeps it, so a row older than the topics' retention (7 days) guards nothing. Without this,
 * {@code processed_event} grows by a row for every event every consumer applies — two per recipient of every
 * notification in notification-service alone. Every replica purges (deleting is idempotent), at a random offset within
 * the interval so replicas started together do not purge together, in batches so no statement holds many rows locked.
 */
class ProcessedEventsPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventsPurge.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keep;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    ProcessedEventsPurge(JdbcClient jdbc, Clock clock, MessagingProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keep = properties.processedEventsKept();
        this.every = properties.processedEventsPurgeEvery();
    }

    /** @return how many applied events older than the retention were forgotten */
    int purge() {
        return BatchedDelete.repeat(jdbc, """
                DELETE FROM processed_event WHERE (consumer, event_id) IN (
                    SELECT consumer, event_id FROM processed_event WHERE processed_at < ? LIMIT ?)""",
                BATCH, Timestamp.from(clock.instant().minus(keep)));
    }

    private void purgeAndLog() {
        try {
            int forgotten = purge();
            if (forgotten > 0) {
                log.info("Forgot {} applied events older than {}", forgotten, keep);
            }
        } catch (RuntimeException e) {
            // the next interval tries again; nothing depends on the rows being gone
            log.warn("Could not purge applied events: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "processed-events-purge");
            thread.setDaemon(true);
            return thread;
        });
        long everyMillis = Math.max(1, every.toMillis());
        scheduler.scheduleWithFixedDelay(this::purgeAndLog, ThreadLocalRandom.current().nextLong(everyMillis),
                everyMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
