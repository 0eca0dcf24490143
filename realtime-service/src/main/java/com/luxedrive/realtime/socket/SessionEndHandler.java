package com.luxedrive.realtime.socket;

import com.luxedrive.events.Topics;
import com.luxedrive.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends a user's sessions on this instance when the user logs out or is deactivated ({@link
 * SocketAuthentication#endSessions}): the tokens issued before are refused from then on, and the sockets opened with
 * them closed. Every instance reads the users topic in a consumer group of its own, since each holds different
 * sockets; what was revoked before it started, the start-up replay ({@link RevocationReplay}) has read already.
 */
@Component
class SessionEndHandler implements ConsumerSeekAware {

    static final String LISTENER_ID = "session-end";

    private final SocketAuthentication authentication;
    private final RevokedTokens revoked;
    private final RevocationReplay replay;
    private final Clock clock;

    SessionEndHandler(SocketAuthentication authentication, RevokedTokens revoked, RevocationReplay replay,
                      Clock clock) {
        this.authentication = authentication;
        this.revoked = revoked;
        this.replay = replay;
        this.clock = clock;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.USERS,
            groupId = "${luxe.realtime.session-group-prefix:realtime-sessions}-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        Revocation.of(EventEnvelope.from(record)).ifPresent(revocation ->
                authentication.endSessions(revocation.userId(), revocation.at(), revocation.reason()));
    }

    /**
     * The first assignment goes on where the start-up replay stopped reading each partition (the group is new at
     * every start, and what the replay read is known already); a partition the replay did not see, and every later
     * assignment (a rebalance, a restarted container), starts at the revocation window's beginning.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> replayed = replay.takeReadUpTo();
        List<TopicPartition> unseen = new ArrayList<>();
        for (TopicPartition partition : assignments.keySet()) {
            Long position = replayed.get(partition);
            if (position == null) {
                unseen.add(partition);
            } else {
                callback.seek(partition.topic(), partition.partition(), position);
            }
        }
        if (!unseen.isEmpty()) {
            callback.seekToTimestamp(unseen, clock.instant().minus(revoked.window()).toEpochMilli());
        }
    }
}
