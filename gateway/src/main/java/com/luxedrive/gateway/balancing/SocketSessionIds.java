package com.luxedrive.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Socket.IO session ids that say which realtime instance holds the session. The gateway makes the id of every new
 * session (handed to the instance in the {@code io} header, which netty-socketio takes as the session id): a random
 * version-4 UUID whose last 32 bits are the instance's code, a checksum of its instance id (or host and port). Every
 * later request of the session names the id ({@code sid}), so any gateway replica sends it to that instance — no
 * cookie, no shared state, nothing a browser may decline to send. 90 random bits keep the id unguessable.
 */
final class SocketSessionIds {

    /** The request header netty-socketio reads a new session's id from. */
    static final String HEADER = "io";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SocketSessionIds() {
    }

    /** A fresh session id pointing at {@code instance}. */
    static UUID newId(ServiceInstance instance) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long most = buffer.getLong();
        long least = (buffer.getLong() & 0xFFFFFFFF00000000L) | (code(instance) & 0xFFFFFFFFL);
        return new UUID(most, least);
    }

    /** The code of the instance a session id points at; empty when it is not a session id at all. */
    static OptionalInt codeOf(String sessionId) {
        if (sessionId == null || sessionId.length() != 36) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) UUID.fromString(sessionId).getLeastSignificantBits());
        } catch (IllegalArgumentException notAnId) {
            return OptionalInt.empty();
        }
    }

    /** The instance's code: a checksum of its instance id, or of its host and port when it has none. */
    static int code(ServiceInstance instance) {
        String key = instance.getInstanceId() != null ? instance.getInstanceId()
                : instance.getHost() + ":" + instance.getPort();
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
