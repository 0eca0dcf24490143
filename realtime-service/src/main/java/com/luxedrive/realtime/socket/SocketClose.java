package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server ending a socket. netty-socketio's {@link SocketIOClient#disconnect()} only sends the Socket.IO
 * {@code DISCONNECT} packet ({@code 41}): socket.io-client closes its transport on it and does not reconnect, but a
 * client that ignores it kept its session — its rooms, its principal, its place under the instance's and the user's
 * socket limits — for as long as it answered pings, after a logout, a deactivation, its token's expiry or a refusal.
 * So the packet is a request, and the server closes whatever has not gone by itself after {@link #GRACE}: the
 * connection, the session, the rooms and the disconnect listeners, as when a client leaves.
 */
public final class SocketClose {

    /** How long a client told to go has to close by itself (a pending long-poll fetches the packet at once). */
    static final Duration GRACE = Duration.ofSeconds(2);

    private SocketClose() {
    }

    /** Tells the client to go ({@code 41}) and closes the socket after {@link #GRACE} if it is still here. */
    public static void tellAndEnforce(SocketIOClient socket, ScheduledExecutorService scheduler) {
        socket.disconnect();
        try {
            scheduler.schedule(() -> now(socket), GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            now(socket);
        }
    }

    /**
     * Closes the socket's connection and session at once, whatever the client does; the disconnect listeners run as
     * for a client's own close (nothing, if it already left). netty-socketio's own disconnect ends the session at once
     * but closes the connection only once its {@code DISCONNECT} packet has been written — behind whatever waits in
     * the outbound buffer, which for a client that stopped reading is never: the connection, and all it buffered,
     * stayed open for as long as the client's TCP stack answered. So a websocket is closed here too.
     */
    public static void now(SocketIOClient socket) {
        Channel websocket = WebsocketChannelSeen.channel(socket);
        if (socket instanceof NamespaceClient namespaced) {
            ClientHead head = namespaced.getBaseClient();
            if (head.isConnected()) {
                head.disconnect();
            }
        } else {
            socket.disconnect();
        }
        // read before the disconnect above; its listener closes it too, this covers a socket without listeners
        close(websocket);
    }

    /**
     * Closes the websocket of a socket whose session has ended, however it ended — netty-socketio's own ping time-out
     * too, which never comes through {@link #now}: the library closes the connection only once its DISCONNECT packet
     * is written, and for a client that stopped reading that is never. What was written before (the DISCONNECT packet
     * itself, for a client that reads) goes out first: the close is queued behind it on the connection's loop.
     */
    static void connectionOf(SocketIOClient socket) {
        close(WebsocketChannelSeen.channel(socket));
    }

    private static void close(Channel websocket) {
        if (websocket != null && websocket.isOpen()) {
            websocket.close();
        }
    }
}
