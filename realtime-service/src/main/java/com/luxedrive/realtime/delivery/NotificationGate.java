package com.luxedrive.realtime.delivery;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.realtime.socket.SocketEvents;
import org.springframework.stereotype.Component;

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

    private static final String STATE = "luxe.notifications";
    /** Ids remembered per socket to drop duplicates: live and replay overlap only around the connect. */
    private static final int REMEMBERED = 256;

    /** A live notification, or one replayed from the history. */
    record Delivery(String notificationId, Object body) {
    }

    void live(SocketIOClient socket, Delivery delivery) {
        State state = state(socket);
        synchronized (state) {
            if (state.queue != null) {
                state.queue.add(delivery);
            } else {
                state.send(socket, delivery);
            }
        }
    }

    /** Sends {@code replay} (oldest first), then whatever came live meanwhile; from now on live goes straight out. */
    void caughtUp(SocketIOClient socket, List<Delivery> replay) {
        State state = state(socket);
        synchronized (state) {
            replay.forEach(delivery -> state.send(socket, delivery));
            if (state.queue != null) {
                state.queue.forEach(delivery -> state.send(socket, delivery));
                state.queue = null;
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

        void send(SocketIOClient socket, Delivery delivery) {
            if (!seen.add(delivery.notificationId())) {
                return;
            }
            if (seen.size() > REMEMBERED) {
                seen.remove(seen.iterator().next());
            }
            socket.sendEvent(SocketEvents.NOTIFICATION_RECEIVED, delivery.body());
        }
    }
}
