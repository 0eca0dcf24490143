package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.UUID;

/** Sends server → socket events to the rooms this instance holds. */
public class SocketPublisher {

    private final SocketIOServer server;

    SocketPublisher(SocketIOServer server) {
        this.server = server;
    }

    /**
     * {@code body} serialized once, as netty-socketio would serialize it for each socket, and handed back as a raw
     * JSON value its encoder copies as is: an event sent to thousands of sockets is then serialized once, not once
     * per socket (the Socket.IO framing around it stays per socket, and so does the transport).
     */
    public Object encodedOnce(Object body) {
        ByteBuf buffer = Unpooled.buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
            server.getConfiguration().getJsonSupport().writeValue(out, body);
            return new RawValue(new SerializedString(buffer.toString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffer.release();
        }
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
