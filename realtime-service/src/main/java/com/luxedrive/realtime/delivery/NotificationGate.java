package com.luxedrive.realtime.delivery;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.luxedrive.realtime.socket.EncodedEvent;
import com.luxedrive.realtime.socket.SocketClose;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one way a {@code notification:received} reaches a socket: never twice the same notification, and nothing live
 * before the socket's catch-up. Until {@link #caughtUp} runs for a socket, live notifications for it wait in a queue;
 * then the replay goes out oldest first, followed by the queued live ones it did not already contain. So a client
 * that reconnects gets what it missed and what is new, with no gap and no duplicate in between.
 */
@Component
public class NotificationGate {

    private static final Logger log = LoggerFactory.getLogger(NotificationGate.class);

    private final Counter deliveries;
    private final Counter dropped;
    private final Timer latency;

    NotificationGate(MeterRegistry meters) {
        this.deliveries = Counter.builder("luxe.socket.deliveries")
                .description("notification:received events written to sockets (replays included)")
                .register(meters);
        this.dropped = Counter.builder("luxe.sockets.dropped.slow")
                .description("Sockets closed because they stopped reading and their outbound buffer filled up")
                .register(meters);
        this.latency = Timer.builder("luxe.delivery.latency")
                .description("From the send's commit to the live push onto a socket")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static final String STATE = "luxe.notifications";
    private static final String DROPPED = "luxe.dropped-slow";
    /** Packets a long-polling client may leave unfetched before it counts as having stopped reading. */
    private static final int MAX_POLLING_BACKLOG = 1_000;
    /** Ids remembered per socket to drop duplicates: live and replay overlap only around the connect. */
    private static final int REMEMBERED = 256;

    /**
     * A live notification (with the time it was sent), or one replayed from the history ({@code sentAt} null: its
     * latency is the client's absence, not the platform's).
     */
    record Delivery(String notificationId, EncodedEvent event, Instant sentAt) {
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
            List<Delivery> waiting = state.queue == null ? List.of() : state.queue;
            // open whatever happens to one delivery: a gate left shut would queue the socket's live pushes for good
            state.queue = null;
            replay.forEach(delivery -> sendOne(state, socket, delivery));
            // checked against the whole replay, not only the ids the socket remembers: a replay (up to 500) can be
            // longer than that memory, and a live push of one of its first items then went out a second time
            Set<String> replayed = new HashSet<>();
            replay.forEach(delivery -> replayed.add(delivery.notificationId()));
            waiting.stream().filter(delivery -> !replayed.contains(delivery.notificationId()))
                    .forEach(delivery -> sendOne(state, socket, delivery));
        }
    }

    private void sendOne(State state, SocketIOClient socket, Delivery delivery) {
        try {
            send(state, socket, delivery);
        } catch (RuntimeException e) {
            log.warn("delivery to socket sessionId={} failed notificationId={}: {}", socket.getSessionId(),
                    delivery.notificationId(), e.toString());
        }
    }

    private void send(State state, SocketIOClient socket, Delivery delivery) {
        if (stoppedReading(socket)) {
            return;
        }
        if (state.send(socket, delivery)) {
            deliveries.increment();
            if (delivery.sentAt() != null) {
                latency.record(Duration.between(delivery.sentAt(), Instant.now()));
            }
        }
    }

    /**
     * Backpressure: a websocket whose connection is no longer writable (more than {@code max-unsent-bytes} waiting in
     * Netty's outbound buffer, the kernel's buffers already full), or a long-polling client with a thousand packets
     * unfetched, has stopped reading. It is closed rather than buffered for without end; the other sockets are not
     * held up by it, and its client's reconnect replays what it missed.
     */
    private boolean stoppedReading(SocketIOClient socket) {
        if (socket.has(DROPPED)) {
            return true;
        }
        if (!(socket instanceof NamespaceClient client) || !client.isChannelOpen()) {
            return false;
        }
        ClientHead head = client.getBaseClient();
        // a long-polling client has no channel between polls: its queue of undelivered packets tells instead
        boolean stuck = head.getCurrentTransport() == Transport.WEBSOCKET
                ? !head.isWritable()
                : head.getPacketsQueue(Transport.POLLING).size() > MAX_POLLING_BACKLOG;
        if (stuck) {
            socket.set(DROPPED, Boolean.TRUE);
            dropped.increment();
            log.info("closing a socket that stopped reading: sessionId={}", socket.getSessionId());
            // at once: a client that reads nothing would never read the packet asking it to go
            SocketClose.now(socket);
            return true;
        }
        return false;
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
            delivery.event().sendTo(socket);
            return true;
        }
    }
}
