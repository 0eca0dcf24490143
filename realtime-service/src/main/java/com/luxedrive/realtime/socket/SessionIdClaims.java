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
 * names no live session; otherwise the header is dropped and netty-socketio makes a random id. (netty-socketio would
 * take any id and put the new session in the place of a live one with it.) The gateway drops any {@code io} header
 * a client sends.
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
        if (msg instanceof HttpRequest request && request.headers().contains(HEADER) && !acceptable(request)) {
            request.headers().remove(HEADER);
        }
        ctx.fireChannelRead(msg);
    }

    private boolean acceptable(HttpRequest request) {
        List<String> claimed = request.headers().getAll(HEADER);
        if (claimed.size() != 1 || new QueryStringDecoder(request.uri()).parameters().containsKey("sid")) {
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
