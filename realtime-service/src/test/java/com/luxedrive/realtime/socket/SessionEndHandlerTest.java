package com.luxedrive.realtime.socket;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.messaging.EventEnvelope;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** The live listener with real Kafka is in {@code SocketFlowTest} and {@code ScaleOutTest}. */
class SessionEndHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RevokedTokens REVOKED = new RevokedTokens(Duration.ofMinutes(20), CLOCK);

    @Test
    void theListenerGoesOnWhereTheStartUpReplayStoppedAndReadsTheWindowOnlyForPartitionsItDidNotSee() {
        TopicPartition replayed = new TopicPartition(Topics.USERS, 0);
        TopicPartition unseen = new TopicPartition(Topics.USERS, 1);
        RevocationReplay replay = new RevocationReplay(new DefaultKafkaConsumerFactory<>(Map.of()), REVOKED,
                Duration.ofSeconds(1), CLOCK) {
            @Override
            Map<TopicPartition, Long> readUpTo() {
                return Map.of(replayed, 42L);
            }
        };
        ConsumerSeekCallback callback = mock(ConsumerSeekCallback.class);

        new SessionEndHandler(mock(SocketAuthentication.class), REVOKED, replay, CLOCK)
                .onPartitionsAssigned(Map.of(replayed, 7L, unseen, 3L), callback);

        verify(callback).seek(Topics.USERS, 0, 42L);
        verify(callback).seekToTimestamp(List.of(unseen), NOW.minus(Duration.ofMinutes(20)).toEpochMilli());
        verifyNoMoreInteractions(callback);
    }

    @Test
    void aLogoutAndADeactivationRevokeTheUsersTokensUpToTheirTimeAndOtherUserEventsNothing() {
        UUID user = UUID.randomUUID();
        Instant at = NOW.minusSeconds(5);

        assertThat(Revocation.of(envelope(new UserLoggedOut(user, at))))
                .contains(new Revocation(user, at, SocketError.LOGGED_OUT));
        assertThat(Revocation.of(envelope(new UserDeactivated(user, at))))
                .contains(new Revocation(user, at, SocketError.ACCOUNT_DEACTIVATED));
        assertThat(Revocation.of(new EventEnvelope(UUID.randomUUID(), "com.luxedrive.user.updated.v1",
                user.toString(), "{}".getBytes()))).isEmpty();
    }

    private static EventEnvelope envelope(DomainEvent event) {
        return new EventEnvelope(UUID.randomUUID(), EventCatalog.typeOf(event.getClass()), event.key(),
                EventJson.write(event));
    }
}
