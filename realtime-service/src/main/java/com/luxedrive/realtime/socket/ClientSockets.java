package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The client (not staff) sockets this instance holds, kept for a broadcast to every client so that it is handed to
 * the event loops without a look-up per socket (ADR 16): a socket on a websocket is in its connection's loop's share,
 * in the order the sockets logged in, as Node's socket.io serves a room in join order; a socket still on long-polling
 * waits apart until a broadcast finds it upgraded. A loop's share is read and changed on that loop only.
 */
final class ClientSockets {

    /** Store flag of a socket that has left: its login, if still under way, no longer adds it. */
    private static final String LEFT = "luxe.client-left";

    /** Guarded by this: client sockets not (yet) on a websocket, in login order. */
    private final Set<SocketIOClient> polling = new LinkedHashSet<>();
    /** Guarded by this: the sockets in a share (each in its websocket's loop's). */
    private final Set<SocketIOClient> placed = new HashSet<>();
    /** Each loop's share; a share is only touched on its own loop. */
    private final Map<EventLoop, Set<SocketIOClient>> shares = new ConcurrentHashMap<>();

    /** A client socket has logged in (joined the clients' room). */
    synchronized void joined(SocketIOClient socket) {
        if (socket.has(LEFT) || placed.contains(socket)) {
            return;
        }
        Channel websocket = WebsocketChannelSeen.channel(socket);
        if (websocket == null) {
            polling.add(socket);
        } else {
            place(socket, websocket.eventLoop());
        }
    }

    /** A socket has gone (any socket: one that never joined is no one's). */
    synchronized void left(SocketIOClient socket) {
        socket.set(LEFT, Boolean.TRUE);
        polling.remove(socket);
        if (placed.remove(socket)) {
            EventLoop loop = WebsocketChannelSeen.channel(socket).eventLoop();
            onLoop(loop, () -> shares.get(loop).remove(socket));
        }
    }

    synchronized boolean isEmpty() {
        return polling.isEmpty() && placed.isEmpty();
    }

    /** The client sockets still on long-polling, in login order; those that have upgraded move to their loop. */
    synchronized List<SocketIOClient> polling() {
        List<SocketIOClient> still = new ArrayList<>(polling.size());
        for (Iterator<SocketIOClient> sockets = polling.iterator(); sockets.hasNext(); ) {
            SocketIOClient socket = sockets.next();
            Channel websocket = WebsocketChannelSeen.channel(socket);
            if (websocket == null) {
                still.add(socket);
            } else {
                sockets.remove();
                place(socket, websocket.eventLoop());
            }
        }
        return still;
    }

    /**
     * Each loop with its share of the websocket client sockets; a share is to be read on its own loop only, where
     * every change made before this call has been applied before a task given to the loop after it runs.
     */
    Map<EventLoop, Set<SocketIOClient>> shares() {
        return shares;
    }

    private void place(SocketIOClient socket, EventLoop loop) {
        placed.add(socket);
        Set<SocketIOClient> share = shares.computeIfAbsent(loop, any -> new LinkedHashSet<>());
        onLoop(loop, () -> share.add(socket));
    }

    private static void onLoop(EventLoop loop, Runnable change) {
        try {
            loop.execute(change);
        } catch (RejectedExecutionException shuttingDown) {
            // the loop is closing its connections, and broadcasts no longer reach it
        }
    }
}
