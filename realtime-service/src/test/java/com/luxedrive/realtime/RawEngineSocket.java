package com.luxedrive.realtime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A websocket speaking Engine.IO by hand, for what a Socket.IO client never does on its own: opening the transport
 * and then sending (or not) its Socket.IO {@code CONNECT} when the test decides. A reader thread keeps the text
 * frames the server sends and notes when the server closes the connection.
 */
public final class RawEngineSocket implements AutoCloseable {

    private final Socket tcp;
    private final OutputStream out;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    /** When each of {@link #frames} arrived ({@link System#nanoTime()}), in the same order. */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    /** When the upgrade was sent ({@link System#nanoTime()}): before anything the server does for this socket. */
    private final long upgradeSent;
    private volatile boolean closed;
    /** While set, the reader reads no further frame: what the server sends piles up in the kernel, then in Netty. */
    private volatile CountDownLatch paused;

    private RawEngineSocket(Socket tcp, long upgradeSent) throws IOException {
        this.tcp = tcp;
        this.upgradeSent = upgradeSent;
        this.out = tcp.getOutputStream();
        DataInputStream in = new DataInputStream(tcp.getInputStream());
        String headers = "";
        while (!headers.endsWith("\r\n\r\n")) {
            headers += (char) in.readByte();
        }
        assertThat(headers).startsWith("HTTP/1.1 101");
        Thread reader = new Thread(() -> read(in), "raw-engine-socket");
        reader.setDaemon(true);
        reader.start();
    }

    /** Upgrades to a websocket and so opens an Engine.IO session: the server answers with its open packet. */
    public static RawEngineSocket open(int port) throws IOException {
        return open(port, 0);
    }

    /**
     * The same, with a receive buffer of {@code receiveBufferBytes} (0: the system's, which grows as it is read):
     * a small one stands for a client whose network takes what it is sent slowly.
     */
    public static RawEngineSocket open(int port, int receiveBufferBytes) throws IOException {
        Socket tcp = new Socket();
        if (receiveBufferBytes > 0) {
            tcp.setReceiveBufferSize(receiveBufferBytes);
        }
        tcp.connect(new InetSocketAddress("127.0.0.1", port));
        long upgradeSent = System.nanoTime();
        writeUpgrade(tcp.getOutputStream());
        return new RawEngineSocket(tcp, upgradeSent);
    }

    /**
     * When the upgrade request was sent ({@link System#nanoTime()}): a time the server's own for this socket (its
     * open, its timers) cannot precede, unlike the arrival of its open packet, which a busy reader notes late.
     */
    public long upgradeSent() {
        return upgradeSent;
    }

    /** Stops reading after the frame being read, until {@link #resumeReading}. */
    public void pauseReading() {
        paused = new CountDownLatch(1);
    }

    public void resumeReading() {
        CountDownLatch latch = paused;
        paused = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** The HTTP request that upgrades a connection to an Engine.IO websocket. */
    static void writeUpgrade(OutputStream out) throws IOException {
        out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One masked text frame, as a client must send it. */
    public void send(String text) throws IOException {
        writeTextFrame(out, text);
    }

    /** One masked websocket text frame (up to 64 KiB), as a client must send it. */
    static void writeTextFrame(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {7, 1, 9, 3};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** The text frames received so far (Engine.IO packets: {@code 0{…}} open, {@code 42[…]} events…). */
    public List<String> frames() {
        return frames;
    }

    /** When the first frame starting with {@code prefix} arrived ({@link System#nanoTime()}), if one has. */
    public OptionalLong arrivalOf(String prefix) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith(prefix)) {
                return OptionalLong.of(arrivals.get(i));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Whether the server let the socket go: a Socket.IO {@code DISCONNECT} packet ({@code 41}, on which a client
     * closes), a close frame, or the end of the stream.
     */
    boolean isDisconnected() {
        return closed || frames.contains("41");
    }

    /** Whether the server closed the connection itself (a close frame or the end of the stream), not just asked. */
    boolean isClosedByServer() {
        return closed;
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                CountDownLatch latch = paused;
                if (latch != null) {
                    latch.await();
                }
                int head = in.readUnsignedByte();
                long length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = head & 0x0f;
                if (opcode == 8) {
                    break;
                }
                if (opcode == 1) {
                    arrivals.add(System.nanoTime());
                    frames.add(new String(payload, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException endOfStream) {
            // the server closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
        }
    }

    /** Ends the connection as a client that vanishes does: a TCP reset, not a close. */
    public void reset() throws IOException {
        tcp.setSoLinger(true, 0);
        tcp.close();
    }

    @Override
    public void close() throws IOException {
        tcp.close();
    }
}
