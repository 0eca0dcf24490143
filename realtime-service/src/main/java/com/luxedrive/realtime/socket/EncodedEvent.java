package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A server → socket event encoded once for all the sockets it goes to. To a socket on the websocket transport it is
 * written as one complete websocket frame ({@code 42["event",{…}]}, unmasked, as servers send), the same bytes for
 * every socket: nothing is serialized, framed or copied per socket. netty-socketio encodes the packet, frames it and
 * copies the frame into a new buffer for each socket, which made a broadcast to 10 000 sockets cost about twice the
 * CPU per delivery of Node's socket.io (docs/performance.md). A socket still on long-polling, or between transports,
 * gets the event through netty-socketio with the body already serialized.
 */
public final class EncodedEvent {

    private static final byte FIN_TEXT = (byte) 0x81;
    /** Engine.IO {@code message}, Socket.IO {@code EVENT} on the default namespace, no acknowledgement id. */
    private static final byte[] EVENT_PACKET = {'4', '2'};
    /** What netty-socketio serializes with when given no other (as here). */
    private static final JsonSupport JSON = new JacksonJsonSupport();

    private final String name;
    private final Object body;
    /** The frame, in memory the garbage collector frees; never released, each write takes a duplicate. */
    private final ByteBuf frame;

    private EncodedEvent(String name, Object body, byte[] packet) {
        this.name = name;
        this.body = body;
        this.frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(websocketFrame(packet)));
    }

    /**
     * {@code event} with {@code body}: the websocket frame netty-socketio would build, and the body serialized as it
     * would serialize it, as a raw JSON value its encoder copies as is, for sockets on long-polling.
     */
    public static EncodedEvent of(String event, Object body) {
        RawValue json = new RawValue(new SerializedString(new String(serialize(body), StandardCharsets.UTF_8)));
        byte[] array = serialize(List.of(event, json));
        byte[] packet = Arrays.copyOf(EVENT_PACKET, EVENT_PACKET.length + array.length);
        System.arraycopy(array, 0, packet, EVENT_PACKET.length, array.length);
        return new EncodedEvent(event, json, packet);
    }

    private static byte[] serialize(Object value) {
        ByteBuf buffer = Unpooled.buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
            JSON.writeValue(out, value);
            return ByteBufUtil.getBytes(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffer.release();
        }
    }

    /**
     * Writes the event to {@code socket}, on its event loop; the writes to one socket keep their order.
     *
     * @return the websocket write, done once the frame has been handed to the network; null for a socket on
     *         long-polling, whose packet waits in its queue for the client's next poll
     */
    public ChannelFuture sendTo(SocketIOClient socket) {
        Channel websocket = WebsocketChannelSeen.channel(socket);
        if (websocket != null && socket instanceof NamespaceClient client
                && client.getBaseClient().getCurrentTransport() == Transport.WEBSOCKET) {
            return websocket.writeAndFlush(frame.duplicate());
        }
        socket.sendEvent(name, body);
        return null;
    }

    /** The frame's bytes, for tests. */
    byte[] frame() {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), bytes);
        return bytes;
    }

    /**
     * A final text frame (RFC 6455 §5.2) around {@code payload}: the length in 7 bits, or 126 and 16 bits, or 127
     * and 64 bits; the direct buffer makes the socket write skip the copy into one.
     */
    private static ByteBuffer websocketFrame(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
        frame.put(FIN_TEXT);
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(payload).flip();
    }
}
