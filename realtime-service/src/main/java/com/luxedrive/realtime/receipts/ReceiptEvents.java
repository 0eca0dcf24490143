package com.luxedrive.realtime.receipts;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.realtime.socket.SocketAuthentication;
import com.luxedrive.realtime.socket.SocketError;
import com.luxedrive.realtime.socket.SocketEventRegistrar;
import com.luxedrive.realtime.socket.SocketReplies;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.realtime.socket.SocketPublisher;
import com.luxedrive.security.LuxePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code notification:acknowledge} (delivered) and {@code notification:read} from a socket become receipt events,
 * written to the outbox; a read is echoed to the user's sockets as {@code notification:acknowledged}.
 */
@Component
class ReceiptEvents implements SocketEventRegistrar {

    private static final Logger log = LoggerFactory.getLogger(ReceiptEvents.class);

    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final ExecutorService socketWork;
    private final SocketPublisher sockets;
    private final Clock clock;

    ReceiptEvents(OutboxWriter outbox, TransactionTemplate transactions, ExecutorService socketWork,
                  @Lazy SocketPublisher sockets, Clock clock) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.socketWork = socketWork;
        this.sockets = sockets;
        this.clock = clock;
    }

    @Override
    public void register(SocketIOServer server) {
        server.addEventListener(SocketEvents.NOTIFICATION_ACKNOWLEDGE, Object.class, (socket, body, ack) ->
                receipt(socket, SocketReplies.object(body), ack, NotificationReceiptRecorded.DELIVERED));
        server.addEventListener(SocketEvents.NOTIFICATION_READ, Object.class, (socket, body, ack) ->
                receipt(socket, SocketReplies.object(body), ack, NotificationReceiptRecorded.READ));
    }

    private void receipt(SocketIOClient socket, Map<?, ?> body, AckRequest ack, String status) {
        LuxePrincipal user = SocketAuthentication.principal(socket).orElse(null);
        if (user == null) {
            SocketReplies.refuse(socket, ack, SocketError.UNAUTHENTICATED);
            return;
        }
        UUID notificationId = SocketReplies.uuid(body, "notificationId");
        if (notificationId == null) {
            SocketReplies.refuse(socket, ack, SocketError.badRequest("notificationId must be a UUID"));
            return;
        }
        try {
            socketWork.execute(() -> record(socket, ack, user, notificationId, status));
        } catch (RejectedExecutionException busy) {
            SocketReplies.refuse(socket, ack, SocketError.unavailable("Too busy; try again shortly."));
        }
    }

    private void record(SocketIOClient socket, AckRequest ack, LuxePrincipal user, UUID notificationId, String status) {
        Instant at = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> outbox.append(
                    new NotificationReceiptRecorded(notificationId, user.id(), status, at)));
        } catch (RuntimeException e) {
            log.warn("receipt not recorded userId={} notificationId={}: {}", user.id(), notificationId, e.toString());
            SocketReplies.refuse(socket, ack, SocketError.unavailable("Try again shortly."));
            return;
        }
        SocketReplies.ok(ack);
        if (NotificationReceiptRecorded.READ.equals(status)) {
            sockets.toUser(user.id(), SocketEvents.NOTIFICATION_ACKNOWLEDGED,
                    Map.of("notificationId", notificationId.toString(), "status", status, "readAt", at.toString()));
        }
    }
}
