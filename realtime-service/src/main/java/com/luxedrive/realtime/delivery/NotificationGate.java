package com.luxedrive.realtime.delivery;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.realtime.socket.SocketEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one way a {@code notification:received} reaches a socket: never twice the same notification, and nothing live
 * before the socket's catch-up. Until {@link #caughtUp} runs for a socket, live notifications for it wait in a queue;
 * then the replay goes out oldest first, followed by the queued live ones it did not already contain. So a client
 * that reconnects gets what it missed and what is new, with no gap and no duplicate in between.
 */
@Component
public class NotificationGate {

    private final Counter deliveries;
    private final Timer latency;

    NotificationGate(MeterRegistry meters) {
        this.deliveries = Counter.builder("luxe.socket.deliveries")
                .description("notification:received events written to sockets (replays included)")
                .register(meters);
        this.latency = Timer.builder("luxe.delivery.latency")
                .description("From the send's commit to the live push onto a socket")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static final String STATE = "luxe.notifications";
    /** Ids remembered per socket to drop duplicates: live and replay overlap only around the connect. */
    private static final int REMEMBERED = 256;

    /**
     * A live notification (with the time it was sent), or one replayed from the history ({@code sentAt} null: its
     * latency is the client's absence, not the platform's).
     */
    record Delivery(String notificationId, Object body, Instant sentAt) {
    }

    void live(SocketIOClient socket, Delivery delivery) {
        State state = state(socket);
        synchronized (state) {
            if (state.queue != null) {
                state.queue.add(delivery);
            } else {
                send(state, socket, delivery);
            }
        }
    }

    /** Sends {@code replay} (oldest first), then whatever came live meanwhile; from now on live goes straight out. */
    void caughtUp(SocketIOClient socket, List<Delivery> replay) {
        State state = state(socket);
        synchronized (state) {
            replay.forEach(delivery -> send(state, socket, delivery));
            if (state.queue != null) {
                state.queue.forEach(delivery -> send(state, socket, delivery));
                state.queue = null;
            }
        }
    }

    private void send(State state, SocketIOClient socket, Delivery delivery) {
        if (state.send(socket, delivery)) {
            deliveries.increment();
            if (delivery.sentAt() != null) {
                latency.record(Duration.between(delivery.sentAt(), Instant.now()));
            }
        }
    }

    private static State state(SocketIOClient socket) {
        synchronized (socket) {
            State state = socket.get(STATE);
            if (state == null) {
                state = new State();
                socket.set(STATE, state);
            }
            return state;
        }
    }

    private static final class State {

        private final LinkedHashSet<String> seen = new LinkedHashSet<>();
        private List<Delivery> queue = new ArrayList<>();

        /** @return whether it went out (not a duplicate) */
        boolean send(SocketIOClient socket, Delivery delivery) {
            if (!seen.add(delivery.notificationId())) {
                return false;
            }
            if (seen.size() > REMEMBERED) {
                seen.remove(seen.iterator().next());
            }
            socket.sendEvent(SocketEvents.NOTIFICATION_RECEIVED, delivery.body());
            return true;
        }
    }
}
