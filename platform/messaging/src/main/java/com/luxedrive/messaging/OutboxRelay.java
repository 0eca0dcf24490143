package com.luxedrive.messaging;

import com.luxedrive.events.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in {@code seq} order, then deletes exactly the rows it published.
 *
 * <p>One relay at a time per database holds a transaction-scoped advisory lock, so however many replicas run, one
 * publishes. It reads only rows whose writing transaction is older than every transaction still running: a row that
 * took its {@code seq} early but commits late is therefore read before any later row, never skipped. Events of one
 * aggregate, whose writers serialise on the aggregate's row, leave in order: a row waits while an earlier row of its
 * key is not yet readable (the later writer may hold the older transaction id). A failed send rolls the pass back and the
 * rows are retried, one at a time until the broker answers again: delivery is at least once, consumers dedupe on
 * {@code ce_id}. For the same reason a pass commits asynchronously (its delete may be lost in a crash, never an
 * event).
 *
 * <p>An event the broker refuses for good — larger than it takes, or for a topic name it rejects — would be refused on
 * every retry and hold up every event behind it. It is moved to {@code outbox_set_aside} with the reason in the pass
 * that met it, logged as an error and counted by {@code luxe.outbox.set.aside}, and the rest of its batch, which Kafka
 * took, leaves the outbox with it. Events of its key that follow it then arrive without it.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock key shared by every replica of one service. */
    private static final long RELAY_LOCK_KEY = 0x4c7578654f7574L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MessagingProperties properties;
    private final String source;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    /** After a failed pass the relay probes with one event, so a down broker does not hold a batch for minutes. */
    private volatile boolean lastPassFailed;
    private Thread worker;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                MessagingProperties properties, String source) {
        this.source = source;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Asks for a pass now rather than at the next poll; called after a transaction that wrote events commits. */
    public void wakeUp() {
        wakeUps.release();
    }

    /**
     * Publishes what is pending, one batch.
     *
     * @return how many events were published; 0 when nothing was pending or another replica holds the lock
     */
    public int publishPending() {
        Integer published = transactions.execute(status -> {
            // the pass commits without waiting for its WAL flush: a delete lost in a crash republishes its
            // events, which consumers dedupe, and the sends' own commits do not queue behind the relay's
            Boolean locked = jdbc.sql("""
                            SELECT pg_try_advisory_xact_lock(?)
                            FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit""")
                    .param(RELAY_LOCK_KEY)
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            // Past the horizon (written by a transaction older than every one still running), and with no earlier
            // row of its key short of it: two writers of one key serialise on its aggregate's row, but the later may
            // hold the older transaction id (it took one before waiting for the row), and its row was past the
            // horizon while the earlier's was not. The rows short of the horizon are few (those of the transactions
            // that just committed) and read through the index on tx_id.
            List<PendingEvent> batch = jdbc.sql("""
                            WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
                            held AS MATERIALIZED (
                                SELECT topic, record_key, min(seq) AS first_seq FROM outbox_event
                                WHERE tx_id >= (SELECT xmin FROM horizon) GROUP BY topic, record_key)
                            SELECT o.seq, o.event_id, o.topic, o.record_key, o.event_type, o.payload, o.occurred_at,
                                   o.trace_parent
                            FROM outbox_event o, horizon
                            WHERE o.tx_id < horizon.xmin
                              AND NOT EXISTS (SELECT 1 FROM held h WHERE h.topic = o.topic
                                              AND h.record_key = o.record_key AND h.first_seq < o.seq)
                            ORDER BY o.seq LIMIT ?""")
                    .param(lastPassFailed ? 1 : properties.batchSize())
                    .query(OutboxRelay::pendingEvent)
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            // Events the broker refuses for good are set aside and the rest of the batch, which Kafka took, leaves the
            // outbox with them. Any other failure rolls the pass back, to be published again (consumers dedupe).
            Map<PendingEvent, Throwable> failures = send(batch);
            for (Map.Entry<PendingEvent, Throwable> failure : failures.entrySet()) {
                if (refusedForGood(failure.getValue()).isEmpty()) {
                    throw new OutboxPublishException("broker did not acknowledge " + failures.size() + " of "
                            + batch.size() + " events", failure.getValue());
                }
            }
            failures.forEach((event, failure) -> setAside(event, refusedForGood(failure).orElseThrow()));
            jdbc.sql("DELETE FROM outbox_event WHERE seq = ANY (?)")
                    .param(batch.stream().map(PendingEvent::seq).toArray(Long[]::new))
                    .update();
            return batch.size();
        });
        return published == null ? 0 : published;
    }

    /**
     * Sends a batch and waits for every acknowledgement.
     *
     * @return the events the broker or the producer did not take, with why
     * @throws OutboxPublishException when the acknowledgements did not all come within the send time-out
     */
    private Map<PendingEvent, Throwable> send(List<PendingEvent> batch) {
        Map<PendingEvent, CompletableFuture<SendResult<String, byte[]>>> sends = new LinkedHashMap<>();
        try {
            for (PendingEvent event : batch) {
                sends.put(event, sendOne(event));
            }
            CompletableFuture.allOf(sends.values().toArray(CompletableFuture[]::new))
                    .exceptionally(failed -> null)
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxPublishException("interrupted while publishing", e);
        } catch (Exception e) {
            throw new OutboxPublishException("broker did not acknowledge " + batch.size() + " events", e);
        }
        Map<PendingEvent, Throwable> failures = new LinkedHashMap<>();
        sends.forEach((event, send) -> send.exceptionally(failure -> {
            failures.put(event, failure);
            return null;
        }));
        return failures;
    }

    /** A send that failed before it started (the producer refused the record at once) as a failed send. */
    private CompletableFuture<SendResult<String, byte[]>> sendOne(PendingEvent event) {
        try {
            return kafka.send(toRecord(event));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** The broker's or the producer's refusal that no retry can change, if that is what failed the send. */
    private static Optional<Throwable> refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof InvalidRecordException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private void setAside(PendingEvent event, Throwable refusal) {
        jdbc.sql("""
                        INSERT INTO outbox_set_aside (seq, event_id, topic, record_key, event_type, payload, occurred_at,
                                                      trace_parent, set_aside_at, reason)
                        SELECT seq, event_id, topic, record_key, event_type, payload, occurred_at, trace_parent, now(), ?
                        FROM outbox_event WHERE seq = ?""")
                .params(refusal.toString(), event.seq())
                .update();
        log.error("outbox event set aside, the broker refuses it for good: eventId={} type={} topic={} key={} "
                        + "payloadBytes={}: {} (docs/operations.md, LuxeOutboxEventsSetAside)", event.eventId(),
                event.type(), event.topic(), event.key(), event.payload().length, refusal.toString());
    }

    private ProducerRecord<String, byte[]> toRecord(PendingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        header(record, CloudEventHeaders.ID, event.eventId());
        header(record, CloudEventHeaders.TYPE, event.type());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (event.traceParent() != null) {
            header(record, TraceParent.HEADER, event.traceParent());
        }
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static PendingEvent pendingEvent(ResultSet rs, int row) throws SQLException {
        return new PendingEvent(rs.getLong("seq"), rs.getString("event_id"), rs.getString("topic"),
                rs.getString("record_key"), rs.getString("event_type"), rs.getBytes("payload"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("trace_parent"));
    }

    private void loop() {
        while (running) {
            try {
                boolean recovering = lastPassFailed;
                int published = publishPending();
                lastPassFailed = false;
                if (!recovering && published < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // an Error too: the thread ending would leave the service writing events nobody relays, silently
                lastPassFailed = true;
                log.warn("outbox relay pass failed, retrying: {}", e.toString());
                pause();
            }
        }
    }

    /**
     * Waits a whole poll interval after a failure: the commits that would wake it (those of the failed pass's seconds
     * included) do not cut it short, so a broker refusing every send at once is not retried once per commit.
     */
    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(properties.pollInterval().toMillis());
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Lets the worker end its pass (interrupted only past the send time-out: a pass interrupted after Kafka took its
     * events rolls back and publishes them again), then makes one last pass — what the last requests and listeners
     * wrote while the instance wound down, up to a batch — rather than leave it to the next replica or the next
     * start. Only when the worker ended by itself and its last pass went through: with the broker or the database
     * failing, a last pass would only hold up the shutdown (the events wait in the outbox either way).
     */
    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(properties.sendTimeout().toMillis());
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(properties.sendTimeout().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if ((worker != null && worker.isAlive()) || lastPassFailed) {
            return;
        }
        try {
            publishPending();
        } catch (RuntimeException e) {
            log.warn("outbox relay's last pass failed, the events wait for the next relay: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server (graceful shutdown {@code DEFAULT_PHASE - 1024}, stop {@code - 2048}), the Kafka
     * listener containers ({@code - 100}) and realtime's socket drain ({@code DEFAULT_PHASE}): rows written while
     * they finish their work are still relayed before the instance goes.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private record PendingEvent(long seq, String eventId, String topic, String key, String type, byte[] payload,
                                Instant occurredAt, String traceParent) {
    }

    /** The broker did not take a batch; the batch stays in the outbox. */
    static final class OutboxPublishException extends RuntimeException {
        OutboxPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
