package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.security.LuxePrincipal;

/** Reacts to a socket that has just proved who it is, or that has gone. Called off the Netty threads. */
public interface AuthenticatedSocketListener {

    void authenticated(SocketIOClient socket, LuxePrincipal user);

    default void disconnected(SocketIOClient socket, LuxePrincipal user) {
    }
}
