package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOServer;

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

    public void toAllClients(String event, Object body) {
        server.getRoomOperations(Rooms.CLIENTS).sendEvent(event, body);
    }

    public void toStaff(String event, Object body) {
        server.getRoomOperations(Rooms.STAFF).sendEvent(event, body);
    }
}
