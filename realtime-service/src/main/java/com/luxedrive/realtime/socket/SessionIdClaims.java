package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.UUID;

/**
 * The session id a new session is given in the {@code io} header — the gateway's, which says which instance holds
 * the session, so every gateway replica routes its polls here without a cookie — is taken only when it is a UUID that
 * names no live session; otherwise the header is replaced by a random id. (netty-socketio would take any id, and put
 * the new session in the place of a live one with it; without the header it would read an {@code io} cookie instead,
 * which a client chooses.) A request is a handshake when netty-socketio's own decoding finds no {@code sid} in it.
 * The gateway drops any {@code io} header a client sends. A session between its handshake and its Socket.IO
 * {@code CONNECT} (milliseconds) does not count as live here.
 */
@ChannelHandler.Sharable
final class SessionIdClaims extends ChannelInboundHandlerAdapter {

    static final String HEADER = "io";

    private volatile SocketIOServer server;

    void attach(SocketIOServer server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && handshake(request) && !acceptable(request)) {
            request.headers().set(HEADER, UUID.randomUUID().toString());
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean handshake(HttpRequest request) {
        return !new QueryStringDecoder(request.uri()).parameters().containsKey("sid");
    }

    private boolean acceptable(HttpRequest request) {
        List<String> claimed = request.headers().getAll(HEADER);
        if (claimed.size() != 1) {
            return false;
        }
        try {
            UUID id = UUID.fromString(claimed.get(0));
            SocketIOServer current = server;
            return current != null && current.getClient(id) == null;
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }
}
