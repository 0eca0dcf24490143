package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.store.Store;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Notes the websocket connection of a socket when the first packet arrives over it (the handshake's {@code CONNECT},
 * or the {@code 2probe} of an upgrade from long-polling), so {@link EncodedEvent} can write to it directly:
 * netty-socketio keeps its channels to itself.
 */
@ChannelHandler.Sharable
final class WebsocketChannelSeen extends ChannelInboundHandlerAdapter {

    static final WebsocketChannelSeen HANDLER = new WebsocketChannelSeen();

    /** Store key of the socket's websocket {@link Channel}. */
    static final String CHANNEL = "luxe.websocket";

    private WebsocketChannelSeen() {
    }

    /** The socket's websocket connection, or null while it has none. */
    static Channel channel(SocketIOClient socket) {
        return socket.get(CHANNEL);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PacketsMessage packets && packets.getTransport() == Transport.WEBSOCKET
                && packets.getClient() != null) {
            Store store = packets.getClient().getStore();
            if (!store.has(CHANNEL)) {
                store.set(CHANNEL, ctx.channel());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
