package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Notes when a socket's Socket.IO {@code CONNECT} packet ({@code 40…}) reaches the server, just before
 * netty-socketio's packet handler reads it, so the login deadline can count from there: netty-socketio tells its
 * listeners about a socket at the transport's open, and about a {@code CONNECT} only when it carries an auth
 * payload. Counting from the open instead punished clients for the server's own backlog: in a connect storm of
 * 10 000 sockets, thousands whose {@code CONNECT} (with a valid token) was still queued were closed at the deadline.
 */
final class ConnectPacketSeen {

    /** Store key: {@link System#nanoTime()} when the first {@code CONNECT} of the socket arrived. */
    static final String AT = "luxe.connect-seen";

    private static final byte RECORD_SEPARATOR = 0x1e;

    private ConnectPacketSeen() {
    }

    static final ChannelHandler HANDLER = new Handler();

    @ChannelHandler.Sharable
    private static final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof PacketsMessage packets && packets.getClient() != null
                    && !packets.getClient().getStore().has(AT) && carriesConnect(packets.getContent())) {
                packets.getClient().getStore().set(AT, System.nanoTime());
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Whether an Engine.IO payload holds a Socket.IO {@code CONNECT}: one packet per websocket frame, or several
     * separated by the record separator in a polling body; read in place, the buffer is left as it was.
     */
    static boolean carriesConnect(ByteBuf content) {
        int end = content.writerIndex();
        int packet = content.readerIndex();
        while (packet + 1 < end) {
            if (content.getByte(packet) == '4' && content.getByte(packet + 1) == '0') {
                return true;
            }
            int next = content.indexOf(packet, end, RECORD_SEPARATOR);
            if (next < 0) {
                return false;
            }
            packet = next + 1;
        }
        return false;
    }
}
