package com.luxedrive.realtime.socket;

import com.luxedrive.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** The live listener with real Kafka is in {@code SocketFlowTest} and {@code ScaleOutTest}. */
class SessionEndHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final long WINDOW_START = NOW.minus(Duration.ofMinutes(20)).toEpochMilli();

    private final TopicPartition replayed = new TopicPartition(Topics.USERS, 0);
    private final TopicPartition unseen = new TopicPartition(Topics.USERS, 1);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RevokedTokens revoked = new RevokedTokens(Duration.ofMinutes(20), clock);
    private final RevocationReplay replay = new RevocationReplay(new DefaultKafkaConsumerFactory<>(Map.of()), revoked,
            Duration.ofSeconds(1), clock);
    private final SessionEndHandler handler = new SessionEndHandler(mock(SocketAuthentication.class), revoked, replay,
            clock);

    @Test
    void theFirstAssignmentGoesOnWhereTheStartUpReplayStoppedAndReadsTheWindowOnlyForPartitionsItDidNotSee() {
        replay.stoppedAt(Map.of(replayed, 42L));
        ConsumerSeekCallback callback = mock(ConsumerSeekCallback.class);

        handler.onPartitionsAssigned(assignments(), callback);

        verify(callback).seek(Topics.USERS, 0, 42L);
        verify(callback).seekToTimestamp(List.of(unseen), WINDOW_START);
        verifyNoMoreInteractions(callback);
    }

    @Test
    void aLaterAssignmentReadsTheWindowAgainRatherThanGoBackToWhereTheReplayStopped() {
        replay.stoppedAt(Map.of(replayed, 42L));
        handler.onPartitionsAssigned(assignments(), mock(ConsumerSeekCallback.class));
        ConsumerSeekCallback rebalanced = mock(ConsumerSeekCallback.class);

        handler.onPartitionsAssigned(assignments(), rebalanced);

        verify(rebalanced).seekToTimestamp(List.of(replayed, unseen), WINDOW_START);
        verifyNoMoreInteractions(rebalanced);
    }

    private Map<TopicPartition, Long> assignments() {
        Map<TopicPartition, Long> assignments = new LinkedHashMap<>();
        assignments.put(replayed, 7L);
        assignments.put(unseen, 3L);
        return assignments;
    }
}
