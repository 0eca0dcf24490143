package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;

import java.util.Map;
import java.util.UUID;

/** How a socket event is answered: in its acknowledgement when it asked for one, otherwise with an {@code error}. */
public final class SocketReplies {

    private SocketReplies() {
    }

    public static void ok(AckRequest ack) {
        if (ack.isAckRequested()) {
            ack.sendAckData(Map.of("ok", true));
        }
    }

    /** Acknowledges with {@code {ok: true, result}} when an acknowledgement was asked for. */
    public static void ok(AckRequest ack, Object result) {
        if (ack.isAckRequested()) {
            ack.sendAckData(Map.of("ok", true, "result", result));
        }
    }

    public static void refuse(SocketIOClient socket, AckRequest ack, SocketError error) {
        if (ack.isAckRequested()) {
            ack.sendAckData(Map.of("ok", false, "error", error));
        } else {
            socket.sendEvent(SocketEvents.ERROR, error);
        }
    }

    /**
     * An event's body as a JSON object; null for anything else (a string, a number, an array, nothing), which each
     * handler refuses as {@code bad_request}. Handlers are registered for {@code Object}: registered for {@code Map},
     * a body of another shape fails in the library's decoder, which logs the raw packet and answers nothing.
     */
    public static Map<?, ?> object(Object body) {
        return body instanceof Map<?, ?> map ? map : null;
    }

    /** The member {@code field} of an event body as a UUID; null when missing or not a UUID. */
    public static UUID uuid(Map<?, ?> body, String field) {
        if (body != null && body.get(field) instanceof String text) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
