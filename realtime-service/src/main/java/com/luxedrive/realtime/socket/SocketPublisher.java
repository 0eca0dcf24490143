package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;

import java.util.Collection;
import java.util.UUID;

/** Sends server → socket events to the rooms this instance holds. */
public class SocketPublisher {

    private final SocketIOServer server;

    SocketPublisher(SocketIOServer server) {
        this.server = server;
    }

    public void toUser(UUID userId, String event, Object body) {
        server.getRoomOperations(Rooms.user(userId)).sendEvent(event, body);
    }

    /** The sockets of one user held by this instance. */
    public Collection<SocketIOClient> socketsOf(UUID userId) {
        return server.getRoomOperations(Rooms.user(userId)).getClients();
    }

    /** Every client (not staff) socket held by this instance. */
    public Collection<SocketIOClient> allClients() {
        return server.getRoomOperations(Rooms.CLIENTS).getClients();
    }

    public void toAllClients(String event, Object body) {
        server.getRoomOperations(Rooms.CLIENTS).sendEvent(event, body);
    }

    public void toStaff(String event, Object body) {
        server.getRoomOperations(Rooms.STAFF).sendEvent(event, body);
    }
}
