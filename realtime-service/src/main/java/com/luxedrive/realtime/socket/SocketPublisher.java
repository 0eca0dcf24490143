package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Sends server → socket events to the rooms this instance holds. */
public class SocketPublisher {

    private static final Logger log = LoggerFactory.getLogger(SocketPublisher.class);

    /** Oldest connection first: the handshake's time (milliseconds; a stable sort keeps ties as they came). */
    private static final Comparator<SocketIOClient> CONNECTION_ORDER =
            Comparator.comparingLong(socket -> socket.getHandshakeData().getTime().getTime());

    private final SocketIOServer server;

    SocketPublisher(SocketIOServer server) {
        this.server = server;
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
     * sockets, so a broadcast is fanned out by the event loops side by side rather than walked by the calling thread;
     * for a socket without a websocket (long-polling) on the calling thread. A loop serves its sockets oldest
     * connection first, as Node's socket.io serves a room (in the order its sockets joined), not in the hash order
     * netty-socketio keeps a room in: a stable, first-come order, and one a reader of many sockets can follow
     * (docs/performance.md: the benchmark's single-threaded client spent a quarter more CPU reading a broadcast that
     * arrived in hash order). A socket's actions keep their order (while it moves from long-polling to its
     * websocket, one may overtake the one before; the gate still sends each notification once).
     *
     * @return completes when {@code action} has run for every socket
     */
    public CompletableFuture<Void> forEachOnItsLoop(Collection<SocketIOClient> sockets,
                                                    Consumer<SocketIOClient> action) {
        Map<EventLoop, List<SocketIOClient>> byLoop = new IdentityHashMap<>();
        for (SocketIOClient socket : sockets) {
            Channel websocket = WebsocketChannelSeen.channel(socket);
            if (websocket == null) {
                runFor(socket, action);
            } else {
                byLoop.computeIfAbsent(websocket.eventLoop(), loop -> new ArrayList<>()).add(socket);
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger loopsLeft = new AtomicInteger(byLoop.size());
        Runnable loopDone = () -> {
            if (loopsLeft.decrementAndGet() == 0) {
                done.complete(null);
            }
        };
        if (byLoop.isEmpty()) {
            done.complete(null);
        }
        byLoop.forEach((loop, share) -> {
            try {
                loop.execute(() -> {
                    try {
                        share.sort(CONNECTION_ORDER);
                        share.forEach(socket -> runFor(socket, action));
                    } finally {
                        loopDone.run();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                // the loop is closing its connections: its sockets' clients reconnect and catch up elsewhere
                log.info("push to {} sockets skipped: their event loop is shutting down", share.size());
                loopDone.run();
            }
        });
        return done;
    }

    private static void runFor(SocketIOClient socket, Consumer<SocketIOClient> action) {
        try {
            action.accept(socket);
        } catch (RuntimeException e) {
            // one socket's failure does not cost the others their delivery
            log.warn("push to socket sessionId={} failed: {}", socket.getSessionId(), e.toString());
        }
    }

    /** Every client (not staff) socket held by this instance. */
    public Collection<SocketIOClient> allClients() {
        return server.getRoomOperations(Rooms.CLIENTS).getClients();
    }

    public void toAllClients(String event, Object body) {
        server.getRoomOperations(Rooms.CLIENTS).sendEvent(event, body);
    }

    public void toStaff(String event, Object body) {
        server.getRoomOperations(Rooms.STAFF).sendEvent(event, body);
    }
}
