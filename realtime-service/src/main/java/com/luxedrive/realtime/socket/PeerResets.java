package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.listener.DefaultExceptionListener;
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
 * closed; every other exception still goes to the default listener.
 */
class PeerResets extends DefaultExceptionListener {

    private static final Logger log = LoggerFactory.getLogger(PeerResets.class);

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (peerWentAway(cause)) {
            log.debug("Connection from {} ended: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
            return true;
        }
        return super.exceptionCaught(ctx, cause);
    }

    /**
     * A reset or broken connection: the JDK's socket exceptions, the plain {@link IOException} its NIO reads throw,
     * and the native transport's. Not an {@code IOException} subclass such as a JSON parser's, which is a client's
     * malformed frame and stays the default listener's.
     */
    private static boolean peerWentAway(Throwable cause) {
        return cause.getClass() == IOException.class || cause instanceof SocketException
                || cause instanceof Errors.NativeIoException;
    }
}
