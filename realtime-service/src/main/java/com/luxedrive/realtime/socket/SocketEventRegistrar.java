package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOServer;

/** A feature's socket → server events, registered when the server is built. Handlers must check the principal. */
public interface SocketEventRegistrar {

    void register(SocketIOServer server);
}
