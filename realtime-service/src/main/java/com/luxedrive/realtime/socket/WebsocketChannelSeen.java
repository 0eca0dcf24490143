package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.store.Store;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Notes the websocket connection of a socket when the first packet arrives over it (the handshake's {@code CONNECT},
 * or the {@code 2probe} of an upgrade from long-polling), so {@link EncodedEvent} can write to it directly:
 * netty-socketio keeps its channels to itself. It also notes, while packets are being handled, whose they are
 * ({@link #READING}), for {@link PeerResets} to answer a malformed one: netty-socketio's own note of a connection's
 * client is set only on the connection that made the handshake — a long-polling POST on another connection had none,
 * and one on a connection the gateway's pool had used for another session found that session's.
 */
@ChannelHandler.Sharable
final class WebsocketChannelSeen extends ChannelInboundHandlerAdapter {

    static final WebsocketChannelSeen HANDLER = new WebsocketChannelSeen();

    /** Store key of the socket's websocket {@link Channel}. */
    static final String CHANNEL = "luxe.websocket";

    /** The client whose packets this connection is handling, set only during that handling. */
    static final AttributeKey<ClientHead> READING = AttributeKey.valueOf("luxe.reading");

    private WebsocketChannelSeen() {
    }

    /** The socket's websocket connection, or null while it has none. */
    static Channel channel(SocketIOClient socket) {
        return socket.get(CHANNEL);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PacketsMessage packets) || packets.getClient() == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (packets.getTransport() == Transport.WEBSOCKET) {
            Store store = packets.getClient().getStore();
            if (!store.has(CHANNEL)) {
                store.set(CHANNEL, ctx.channel());
            }
        }
        // the packet handler decodes and dispatches within this call; a decoding failure reaches PeerResets in it too
        ctx.channel().attr(READING).set(packets.getClient());
        try {
            ctx.fireChannelRead(msg);
        } finally {
            ctx.channel().attr(READING).set(null);
        }
    }
}
