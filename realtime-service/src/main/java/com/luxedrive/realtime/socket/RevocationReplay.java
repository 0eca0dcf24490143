package com.luxedrive.realtime.socket;

import com.luxedrive.events.Topics;
import com.luxedrive.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Before the socket server opens, reads the users topic from the revocation window's beginning to its end as it
 * stands, so a starting instance refuses every token revoked before it started from its very first socket on. The
 * session-end listener goes on from where this stopped ({@link #takeReadUpTo}), but Kafka listeners start after the socket
 * server and take a moment to join their group: without this an instance would take a revoked token for those first
 * seconds.
 * <p>
 * A broker that cannot be read within the timeout fails the start: an instance that cannot know the revocations does
 * not take sockets (it could not push to them either), and its orchestrator starts it again.
 */
class RevocationReplay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ConsumerFactory<?, ?> consumers;
    private final RevokedTokens revoked;
    private final Duration timeout;
    private final Clock clock;
    private volatile boolean running;
    private final AtomicReference<Map<TopicPartition, Long>> readUpTo = new AtomicReference<>(Map.of());

    /** {@code consumers}: the messaging library's, which reads keys as strings and values as bytes. */
    RevocationReplay(ConsumerFactory<?, ?> consumers, RevokedTokens revoked, Duration timeout, Clock clock) {
        this.consumers = consumers;
        this.revoked = revoked;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public void start() {
        Instant deadline = clock.instant().plus(timeout);
        Properties readOnly = new Properties();
        readOnly.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        @SuppressWarnings("unchecked")
        var typed = (ConsumerFactory<String, byte[]>) consumers;
        try (Consumer<String, byte[]> consumer = typed.createConsumer(null, "revocation-replay", null, readOnly)) {
            int read = replay(consumer, deadline);
            log.info("revocations replayed: {} user events of the last {} read", read, revoked.window());
            running = true;
        } catch (KafkaException unreachable) {
            throw unreadable(unreachable);
        }
    }

    private int replay(Consumer<String, byte[]> consumer, Instant deadline) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.USERS, left(deadline)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            return 0;
        }
        consumer.assign(partitions);
        long from = clock.instant().minus(revoked.window()).toEpochMilli();
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.forEach(partition -> timestamps.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(timestamps, left(deadline));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, left(deadline));
        for (TopicPartition partition : partitions) {
            if (ends.get(partition) == null) {
                throw unreadable(null);
            }
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        int read = 0;
        while (!caughtUp(consumer, ends)) {
            if (clock.instant().isAfter(deadline)) {
                throw unreadable(null);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                apply(record);
                read++;
            }
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        stoppedAt(positions);
        return read;
    }

    /**
     * What is left of the timeout for the next call; none left is a failure here, since Kafka answers a call given no
     * time with nothing rather than an error (no start offsets, and the window would be skipped).
     */
    private Duration left(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.toMillis() <= 0) {
            throw unreadable(null);
        }
        return left;
    }

    private IllegalStateException unreadable(Exception cause) {
        return new IllegalStateException("the revocations of the last " + revoked.window() + " on " + Topics.USERS
                + " could not be read within " + timeout + "; no socket is taken without them", cause);
    }

    private static boolean caughtUp(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            Revocation.of(EventEnvelope.from(record)).ifPresent(revocation ->
                    revoked.revoke(revocation.userId(), revocation.at()));
        } catch (RuntimeException malformed) {
            // the session-end listener logs and skips the same record
            log.debug("user event at {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    malformed.toString());
        }
    }

    /** Where the replay stopped reading each partition, for {@link #takeReadUpTo}. */
    void stoppedAt(Map<TopicPartition, Long> positions) {
        readUpTo.set(Map.copyOf(positions));
    }

    /**
     * Where the replay stopped reading each partition, handed over once: the session-end listener's first assignment
     * goes on from there, so the window is not read twice at start-up. Empty before the replay ran and after the
     * hand-over — a later assignment (a rebalance, a restarted container) is not to go back to positions that may
     * be days old.
     */
    Map<TopicPartition, Long> takeReadUpTo() {
        return readUpTo.getAndSet(Map.of());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Read once: an idle test context's pause and resume need not read it again. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Before the socket server (phase 0), so no socket is taken before the revocations are known. */
    @Override
    public int getPhase() {
        return -100;
    }
}
