package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Closes a user's sockets on this instance when the user logs out or is deactivated. Every instance reads the users
 * topic in a consumer group of its own, since each holds different sockets.
 */
@Component
class SessionEndHandler {

    static final String LISTENER_ID = "session-end";
    private static final Logger log = LoggerFactory.getLogger(SessionEndHandler.class);

    private final SocketServer server;

    SessionEndHandler(SocketServer server) {
        this.server = server;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.USERS,
            groupId = "${luxe.realtime.session-group-prefix:realtime-sessions}-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = EventEnvelope.from(record);
        event.payload(UserDeactivated.class).ifPresent(user -> close(user.userId(), "account_deactivated"));
        event.payload(UserLoggedOut.class).ifPresent(user -> close(user.userId(), "logged_out"));
    }

    private void close(UUID userId, String reason) {
        var sockets = server.server().getRoomOperations(Rooms.user(userId)).getClients();
        for (SocketIOClient socket : sockets) {
            socket.sendEvent(SocketEvents.ERROR, new SocketError("Your session has ended.", reason));
            socket.disconnect();
        }
        if (!sockets.isEmpty()) {
            log.info("closed sockets userId={} count={} reason={}", userId, sockets.size(), reason);
        }
    }
}
