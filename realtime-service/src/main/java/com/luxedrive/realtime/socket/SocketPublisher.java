package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Sends server → socket events to the rooms this instance holds. */
public class SocketPublisher {

    private static final Logger log = LoggerFactory.getLogger(SocketPublisher.class);

    /** Calls whose loops may wait for their turn before the caller is held. */
    static final int MAX_IN_FLIGHT = 16;
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(10);

    private final SocketIOServer server;
    private final ClientSockets clients;
    private final int broadcastLoops;
    /** Calls not yet done, oldest first: the next call's loops start after the last one's. */
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();

    /** @param broadcastLoops how many event loops write one broadcast at the same time */
    SocketPublisher(SocketIOServer server, ClientSockets clients, int broadcastLoops) {
        this.server = server;
        this.clients = clients;
        this.broadcastLoops = broadcastLoops;
    }

    public void toUser(UUID userId, String event, Object body) {
        server.getRoomOperations(Rooms.user(userId)).sendEvent(event, body);
    }

    /** The sockets of one user held by this instance. */
    public Collection<SocketIOClient> socketsOf(UUID userId) {
        return server.getRoomOperations(Rooms.user(userId)).getClients();
    }

    /**
     * Runs {@code action} for each of {@code sockets}: for a websocket on its connection's event loop, where a write
     * goes out at once instead of being queued to that loop socket by socket — one task per loop for all its
     * sockets; for a socket without a websocket (long-polling) on the calling thread. As ADR 16's addendum records:
     * at most {@code broadcastLoops} loops write at the same time, each starting the next loop's share when done, so
     * a broadcast does not take every core of the host; and a call's loops start when the previous call's are done,
     * so a socket gets the broadcasts in the order of the calls, the caller being held while more than
     * {@value #MAX_IN_FLIGHT} calls wait (the Kafka consumer then reads no further). A socket's actions keep their
     * order (while it moves from long-polling to its websocket, one may overtake the one before; the gate still
     * sends each notification once).
     *
     * @return completes when {@code action} has run for every socket
     */
    public synchronized CompletableFuture<Void> forEachOnItsLoop(Collection<SocketIOClient> sockets,
                                                                 Consumer<SocketIOClient> action) {
        Map<EventLoop, Collection<SocketIOClient>> byLoop = new IdentityHashMap<>();
        for (SocketIOClient socket : sockets) {
            Channel websocket = WebsocketChannelSeen.channel(socket);
            if (websocket == null) {
                runFor(socket, action);
            } else {
                byLoop.computeIfAbsent(websocket.eventLoop(), loop -> new ArrayList<>()).add(socket);
            }
        }
        return afterThePrevious(new Turns(byLoop, action));
    }

    /**
     * Runs {@code action} on the event loop of the socket's websocket, after what that loop already has queued — a
     * broadcast's turn among it —, or at once for a socket without one (long-polling: its packets are queued by
     * netty-socketio in the order they are sent, whichever thread sends them). A write from another thread to a
     * websocket is itself queued to its loop: two writers, one on the loop and one off it, could otherwise see their
     * writes reach the client in the other order.
     */
    public static void onItsLoop(SocketIOClient socket, Runnable action) {
        Channel websocket = WebsocketChannelSeen.channel(socket);
        if (websocket == null || websocket.eventLoop().inEventLoop()) {
            action.run();
            return;
        }
        try {
            websocket.eventLoop().execute(action);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            action.run();
        }
    }

    /**
     * {@link #forEachOnItsLoop} for every client (not staff) socket this instance holds, in the order they logged in:
     * each loop is handed the share it keeps, with no look-up per socket on the calling thread.
     *
     * @return completes when {@code action} has run for every client socket; empty if this instance holds none
     */
    public synchronized Optional<CompletableFuture<Void>> forEachClientOnItsLoop(Consumer<SocketIOClient> action) {
        if (clients.isEmpty()) {
            return Optional.empty();
        }
        clients.polling().forEach(socket -> runFor(socket, action));
        return Optional.of(afterThePrevious(new Turns(clients.shares(), action)));
    }

    private CompletableFuture<Void> afterThePrevious(Turns turns) {
        inFlight.removeIf(CompletableFuture::isDone);
        CompletableFuture<Void> previous = inFlight.isEmpty() ? CompletableFuture.completedFuture(null)
                : inFlight.getLast();
        CompletableFuture<Void> done = previous.thenCompose(previousDone -> turns.start(broadcastLoops));
        inFlight.addLast(done);
        if (inFlight.size() > MAX_IN_FLIGHT) {
            hold(inFlight.removeFirst());
        }
        return done;
    }

    /** Waits for {@code oldest}, a while at most: a stuck loop must not stop the consumer for good. */
    private static void hold(CompletableFuture<Void> oldest) {
        try {
            oldest.get(HOLD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            log.warn("a broadcast has not been written to every socket after {}; going on", HOLD_AT_MOST);
        } catch (ExecutionException cannotHappen) {
            // turns complete normally, whatever their sockets did
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One broadcast's shares, each written by its own event loop, a few loops at a time; one done starts the next. */
    private static final class Turns {

        private final Queue<Map.Entry<EventLoop, ? extends Collection<SocketIOClient>>> waiting;
        private final Consumer<SocketIOClient> action;
        private final AtomicInteger left;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        /** @param byLoop each loop's sockets, to be read on that loop; a loop added meanwhile waits for the next */
        Turns(Map<EventLoop, ? extends Collection<SocketIOClient>> byLoop, Consumer<SocketIOClient> action) {
            List<Map.Entry<EventLoop, ? extends Collection<SocketIOClient>>> loops = new ArrayList<>(byLoop.entrySet());
            this.waiting = new ConcurrentLinkedQueue<>(loops);
            this.action = action;
            this.left = new AtomicInteger(loops.size());
            if (loops.isEmpty()) {
                done.complete(null);
            }
        }

        CompletableFuture<Void> start(int loopsAtOnce) {
            for (int i = 0; i < loopsAtOnce; i++) {
                next();
            }
            return done;
        }

        private void next() {
            Map.Entry<EventLoop, ? extends Collection<SocketIOClient>> turn = waiting.poll();
            if (turn == null) {
                return;
            }
            Collection<SocketIOClient> share = turn.getValue();
            try {
                turn.getKey().execute(() -> {
                    try {
                        // a copy: an action may close a socket, which leaves its loop's share
                        List.copyOf(share).forEach(socket -> runFor(socket, action));
                    } finally {
                        finished();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                // the loop is closing its connections: their clients reconnect and catch up elsewhere
                log.info("push to the sockets of an event loop skipped: it is shutting down");
                finished();
            }
        }

        private void finished() {
            if (left.decrementAndGet() == 0) {
                done.complete(null);
            } else {
                next();
            }
        }
    }

    private static void runFor(SocketIOClient socket, Consumer<SocketIOClient> action) {
        try {
            action.accept(socket);
        } catch (RuntimeException e) {
            // one socket's failure does not cost the others their delivery
            log.warn("push to socket sessionId={} failed: {}", socket.getSessionId(), e.toString());
        }
    }

    public void toStaff(String event, Object body) {
        server.getRoomOperations(Rooms.STAFF).sendEvent(event, body);
    }
}
