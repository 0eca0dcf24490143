package com.luxedrive.realtime.socket;

import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;

/**
 * Ends a user's sessions on this instance when the user logs out or is deactivated ({@link
 * SocketAuthentication#endSessions}): the tokens issued before are refused from then on, and the sockets opened with
 * them closed. Every instance reads the users topic in a consumer group of its own, since each holds different
 * sockets; a starting instance reads it from the revocation window back, so it refuses the tokens revoked before it
 * started too.
 */
@Component
class SessionEndHandler implements ConsumerSeekAware {

    static final String LISTENER_ID = "session-end";

    private final SocketAuthentication authentication;
    private final RevokedTokens revoked;
    private final Clock clock;

    SessionEndHandler(SocketAuthentication authentication, RevokedTokens revoked, Clock clock) {
        this.authentication = authentication;
        this.revoked = revoked;
        this.clock = clock;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.USERS,
            groupId = "${luxe.realtime.session-group-prefix:realtime-sessions}-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = EventEnvelope.from(record);
        event.payload(UserDeactivated.class).ifPresent(user ->
                authentication.endSessions(user.userId(), user.deactivatedAt(), SocketError.ACCOUNT_DEACTIVATED));
        event.payload(UserLoggedOut.class).ifPresent(user ->
                authentication.endSessions(user.userId(), user.loggedOutAt(), SocketError.LOGGED_OUT));
    }

    /** Each assignment starts at the revocation window's beginning (the group is new at every start). */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToTimestamp(assignments.keySet(), clock.instant().minus(revoked.window()).toEpochMilli());
    }
}
