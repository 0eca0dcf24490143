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
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
    private final Counter replayPauses;
    private final Timer latency;

    NotificationGate(MeterRegistry meters) {
        this.deliveries = Counter.builder("luxe.socket.deliveries")
                .description("notification:received events written to sockets (replays included)")
                .register(meters);
        this.dropped = Counter.builder("luxe.sockets.dropped.slow")
                .description("Sockets closed because they stopped reading and their outbound buffer filled up")
                .register(meters);
        this.replayPauses = Counter.builder("luxe.socket.replay.pauses")
                .description("Times a catch-up waited for the network to take what it had written (slow clients)")
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
    /** Live deliveries that may wait for a socket's catch-up before it counts as not reading its replay. */
    private static final int MAX_WAITING = 1_000;
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
            if (socket.has(DROPPED)) {
                return;
            }
            if (state.queue != null) {
                state.queue.add(delivery);
                if (state.queue.size() > MAX_WAITING) {
                    // a catch-up whose replay the client does not read: waiting for it would hold these for good
                    close(socket, "its catch-up replay");
                }
            } else {
                sendOne(state, socket, delivery, false);
            }
        }
    }

    /**
     * Sends {@code replay} (oldest first), then whatever came live meanwhile; from then on live goes straight out.
     * Called on the socket's event loop.
     */
    void caughtUp(SocketIOClient socket, List<Delivery> replay) {
        State state = state(socket);
        synchronized (state) {
            state.replay = new ArrayDeque<>(replay);
            // checked against the whole replay, not only the ids the socket remembers: a replay (up to 500) can be
            // longer than that memory, and a live push of one of its first items then went out a second time
            state.replayed = new HashSet<>();
            replay.forEach(delivery -> state.replayed.add(delivery.notificationId()));
            writeReplay(state, socket);
        }
    }

    /**
     * Writes the replay at the pace the client reads it. Written in one go on the event loop, a long replay (up to
     * 500 items of up to 5 000 characters) filled the connection's outbound buffer past {@code max-unsent-bytes}
     * before the network could take any of it — a client reading perfectly well then counted as one that had stopped,
     * was closed, reconnected, and got the same replay again. So whenever a write leaves the connection unwritable,
     * the rest waits until the network has taken that write, and live pushes wait in the gate meanwhile; then they go
     * out at the same pace (not in one go, which would fill the buffer the same way), and the gate opens.
     */
    private void writeReplay(State state, SocketIOClient socket) {
        while (true) {
            while (!state.replay.isEmpty()) {
                ChannelFuture write = sendOne(state, socket, state.replay.poll(), true);
                if (write != null && !write.isDone() && !write.channel().isWritable()) {
                    replayPauses.increment();
                    write.addListener(done -> {
                        synchronized (state) {
                            if (!done.isSuccess()) {
                                // the connection is gone: nothing more will reach it
                                state.replay.clear();
                            }
                            writeReplay(state, socket);
                        }
                    });
                    return;
                }
            }
            // the live pushes that waited meanwhile, but for those the replay already carried
            List<Delivery> waiting = state.queue == null ? List.of() : state.queue;
            state.queue = new ArrayList<>();
            Set<String> replayed = state.replayed == null ? Set.of() : state.replayed;
            waiting.stream().filter(delivery -> !replayed.contains(delivery.notificationId()))
                    .forEach(state.replay::add);
            if (state.replay.isEmpty() || socket.has(DROPPED)) {
                break;
            }
        }
        // open whatever happened to one delivery: a gate left shut would queue the socket's live pushes for good
        state.replay.clear();
        state.queue = null;
        state.replayed = null;
    }

    /**
     * Writes one delivery unless the socket already had it. A live push first checks that the socket still reads
     * ({@link #stoppedReading}); a delivery of the catch-up (replayed, or live and waiting for it) does not — a full
     * buffer is then the catch-up's own doing, which paces itself (see writeReplay).
     *
     * @return the websocket write; null when nothing was written, or the socket is on long-polling
     */
    private ChannelFuture sendOne(State state, SocketIOClient socket, Delivery delivery, boolean catchingUp) {
        try {
            if (catchingUp ? socket.has(DROPPED) : stoppedReading(socket)) {
                return null;
            }
            if (!state.firstTime(delivery.notificationId())) {
                return null;
            }
            ChannelFuture write = delivery.event().sendTo(socket);
            deliveries.increment();
            if (delivery.sentAt() != null) {
                latency.record(Duration.between(delivery.sentAt(), Instant.now()));
            }
            return write;
        } catch (RuntimeException e) {
            log.warn("delivery to socket sessionId={} failed notificationId={}: {}", socket.getSessionId(),
                    delivery.notificationId(), e.toString());
            return null;
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
            close(socket, "what was written to it");
            return true;
        }
        return false;
    }

    private void close(SocketIOClient socket, String unread) {
        socket.set(DROPPED, Boolean.TRUE);
        dropped.increment();
        log.info("closing a socket that stopped reading {}: sessionId={}", unread, socket.getSessionId());
        // at once: a client that reads nothing would never read the packet asking it to go
        SocketClose.now(socket);
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
        /** Live deliveries waiting for the catch-up; null once the gate is open. */
        private List<Delivery> queue = new ArrayList<>();
        /** The replay's items not yet written, while its writes wait for the network. */
        private ArrayDeque<Delivery> replay = new ArrayDeque<>();
        /** The ids of the whole replay, until the gate opens. */
        private Set<String> replayed;

        /** @return whether the socket has not had {@code notificationId} yet (among the ids it remembers) */
        boolean firstTime(String notificationId) {
            if (!seen.add(notificationId)) {
                return false;
            }
            if (seen.size() > REMEMBERED) {
                seen.remove(seen.iterator().next());
            }
            return true;
        }
    }
}
