package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.core.JacksonException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.unix.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketException;

/**
 * A client that goes away without closing (a phone losing its network, a tab killed, a reconnect storm's old sockets)
 * resets its connection: that is the network, not a fault of this service. netty-socketio's default listener logged
 * each one at ERROR — 2 390 lines for one benchmark's reconnect storm. They are logged at DEBUG and the connection
 * closed. A frame whose JSON does not parse (wrapped by netty-socketio in the same plain {@link IOException}) is the
 * client's mistake: it gets an {@code error} event ({@code bad_request}) and the socket lives on. Every other
 * exception still goes to the default listener.
 */
class PeerResets extends DefaultExceptionListener {

    private static final Logger log = LoggerFactory.getLogger(PeerResets.class);

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (malformedJson(cause)) {
            // a client's mistake: the socket lives on, told what went wrong. The frame is not logged: it may be a
            // user:login with its token (netty-socketio's own line with the frame is off, application.yml)
            // whose packets these are, not the connection's handshake's (WebsocketChannelSeen.READING)
            ClientHead head = ctx.channel().attr(WebsocketChannelSeen.READING).get();
            log.info("frame refused, its JSON does not parse: sessionId={}",
                    head == null ? null : head.getSessionId());
            if (head != null) {
                for (Namespace namespace : head.getNamespaces()) {
                    NamespaceClient socket = head.getChildClient(namespace);
                    if (socket != null) {
                        socket.sendEvent(SocketEvents.ERROR, SocketError.badRequest("The event's JSON does not parse."));
                    }
                }
            }
            return true;
        }
        if (peerWentAway(cause)) {
            log.debug("Connection from {} ended: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
            return true;
        }
        return super.exceptionCaught(ctx, cause);
    }

    /** netty-socketio wraps the JSON parser's exception in a plain {@link IOException}: not a reset. */
    private static boolean malformedJson(Throwable cause) {
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof JacksonException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A reset or broken connection: the JDK's socket exceptions, the plain {@link IOException} its NIO reads throw
     * (once {@link #malformedJson} has taken those that wrap a parser's), and the native transport's.
     */
    private static boolean peerWentAway(Throwable cause) {
        return cause.getClass() == IOException.class || cause instanceof SocketException
                || cause instanceof Errors.NativeIoException;
    }
}
