package com.luxedrive.realtime.vehicles;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.luxedrive.events.receipts.VehicleUpdateAnswerSubmitted;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.realtime.socket.SocketAuthentication;
import com.luxedrive.realtime.socket.SocketError;
import com.luxedrive.realtime.socket.SocketEventRegistrar;
import com.luxedrive.realtime.socket.SocketReplies;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.security.LuxePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * An owner's {@code vehicle:update-response} from a socket is relayed to vehicle-service as an event (outbox, then
 * {@code luxe.receipts.v1}). This service checks the shape only; vehicle-service decides whether the user owns the
 * vehicle and the request is still pending, and announces the recorded answer, which staff then receive live.
 */
@Component
class UpdateAnswers implements SocketEventRegistrar {

    static final int MAX_REASON = 500;
    private static final Logger log = LoggerFactory.getLogger(UpdateAnswers.class);

    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final ExecutorService socketWork;
    private final Clock clock;

    UpdateAnswers(OutboxWriter outbox, TransactionTemplate transactions, ExecutorService socketWork, Clock clock) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.socketWork = socketWork;
        this.clock = clock;
    }

    @Override
    public void register(SocketIOServer server) {
        server.addEventListener(SocketEvents.VEHICLE_UPDATE_RESPONSE, Object.class,
                (socket, body, ack) -> answer(socket, SocketReplies.object(body), ack));
    }

    private void answer(SocketIOClient socket, Map<?, ?> body, AckRequest ack) {
        LuxePrincipal user = SocketAuthentication.principal(socket).orElse(null);
        if (user == null) {
            SocketReplies.refuse(socket, ack, SocketError.UNAUTHENTICATED);
            return;
        }
        if (user.isStaff()) {
            SocketReplies.refuse(socket, ack,
                    SocketError.forbidden("Only a vehicle's owner answers its update requests."));
            return;
        }
        UUID updateId = SocketReplies.uuid(body, "updateId");
        UUID vehicleId = SocketReplies.uuid(body, "vehicleId");
        Object approved = body == null ? null : body.get("approved");
        Object reason = body == null ? null : body.get("reason");
        if (updateId == null || vehicleId == null || !(approved instanceof Boolean yes)
                || (reason != null && !(reason instanceof String))
                || (reason instanceof String text && (text.length() > MAX_REASON || text.indexOf('\0') >= 0))) {
            SocketReplies.refuse(socket, ack, SocketError.badRequest("Expected {updateId, vehicleId, "
                    + "approved: boolean, reason?: string of at most " + MAX_REASON + " characters, no U+0000}."));
            return;
        }
        VehicleUpdateAnswerSubmitted answer = new VehicleUpdateAnswerSubmitted(updateId, vehicleId, user.id(), yes,
                (String) reason, clock.instant());
        try {
            socketWork.execute(() -> record(socket, ack, answer));
        } catch (RejectedExecutionException busy) {
            SocketReplies.refuse(socket, ack, SocketError.unavailable("Too busy; try again shortly."));
        }
    }

    private void record(SocketIOClient socket, AckRequest ack, VehicleUpdateAnswerSubmitted answer) {
        try {
            transactions.executeWithoutResult(tx -> outbox.append(answer));
        } catch (RuntimeException e) {
            log.warn("update answer not recorded userId={} updateId={}: {}", answer.userId(), answer.updateId(),
                    e.toString());
            SocketReplies.refuse(socket, ack, SocketError.unavailable("Try again shortly."));
            return;
        }
        SocketReplies.ok(ack);
    }
}
