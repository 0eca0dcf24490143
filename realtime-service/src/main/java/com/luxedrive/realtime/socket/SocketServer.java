package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.Epoll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The netty-socketio server on its own port, started before the Kafka consumers (lower phase), so no event is
 * pushed to a server that is not there. On shutdown {@link SocketDrain} closes it first; {@link #stop()} is for a
 * context closed without it.
 */
public class SocketServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketServer.class);

    private final SocketIOServer server;
    private final int port;
    private boolean running;

    SocketServer(SocketProperties properties, SocketAuthentication authentication, List<SocketEventRegistrar> features) {
        this.port = properties.port() == 0 ? freePort() : properties.port();
        Configuration config = new Configuration();
        config.setHostname(properties.host());
        config.setPort(port);
        config.setMaxFramePayloadLength(properties.maxFramePayloadBytes());
        config.setMaxHttpContentLength(properties.maxFramePayloadBytes());
        config.setPingInterval((int) properties.pingInterval().toMillis());
        config.setPingTimeout((int) properties.pingTimeout().toMillis());
        // netty-socketio closes a connection whose first bytes (the HTTP request) it has not read 5 s after accepting
        // it: in a cold connect storm its own event loops take longer than that to reach them, and the clients got a
        // bare "websocket error" (336 and 552 of 10 000 in two benchmark runs). The connect deadline bounds a silent
        // connection instead, as it bounds one that never sends its CONNECT.
        config.setFirstDataTimeout((int) properties.connectDeadline().toMillis());
        // the gateway answers for CORS: netty-socketio's own headers (the request's Origin echoed, with credentials)
        // came on top of the gateway's, and a browser refuses a poll with two Access-Control-Allow-Origin values
        config.setEnableCors(false);
        // a new session's id from the "io" request header when it names no live session (SessionIdClaims): the
        // gateway's, which points at this instance; else a random one
        config.setRandomSession(false);
        // handlers answer after their blocking work, off the Netty threads; AUTO would ack empty at once
        config.setAckMode(AckMode.MANUAL);
        // one listening socket: one acceptor thread (netty-socketio's default starts twice the cores, idle but one)
        config.setBossThreads(1);
        // Linux's native epoll transport where the system has it (netty-socketio's default is the JDK's NIO): less
        // work per accept, read and write — a first connect storm of 10 000 sockets greeted in 9–12 s in most runs
        // against 15–17 s (docs/performance.md, Realtime)
        config.setUseLinuxNativeEpoll(Epoll.isAvailable());
        config.setWorkerThreads(properties.eventLoops());
        // per-message deflate off, as in Node's socket.io since 4.0: a zlib stream per socket cost more CPU per
        // broadcast than everything else on the event loops (JFR of a 10 000-socket run), for frames of a few hundred
        // bytes; clients that offer the extension simply go without it
        config.setWebsocketCompression(false);
        config.setExceptionListener(new PeerResets());
        SocketConfig socketConfig = new SocketConfig();
        socketConfig.setReuseAddress(true);
        socketConfig.setTcpNoDelay(true);
        // a reconnect storm arrives faster than one acceptor thread takes connections: beyond the backlog the kernel
        // drops handshakes, and their clients wait for TCP retransmissions, seconds apart, without any error
        socketConfig.setAcceptBackLog(properties.acceptBacklog());
        // a socket turns unwritable (NotificationGate closes it) past this, not past Netty's 64 KiB: the frames of a
        // burst or a replay are written at once, before the network takes them
        socketConfig.setWriteBufferWaterMarkHigh(properties.maxUnsentBytes());
        socketConfig.setWriteBufferWaterMarkLow(properties.maxUnsentBytes() / 2);
        if (properties.sendBufferBytes() > 0) {
            socketConfig.setTcpSendBufferSize(properties.sendBufferBytes());
        }
        config.setSocketConfig(socketConfig);
        server = new SocketIOServer(config);
        SessionIdClaims claims = new SessionIdClaims();
        claims.attach(server);
        server.setPipelineFactory(pipeline(claims));
        authentication.attach(server);

        server.addConnectListener(authentication::connected);
        server.getNamespace(com.corundumstudio.socketio.namespace.Namespace.DEFAULT_NAME).addAuthTokenListener(authentication::handshake);
        server.addEventListener(SocketEvents.LOGIN, Object.class, (socket, body, ack) -> authentication.login(socket, body));
        server.addDisconnectListener(authentication::disconnected);
        server.addEventListener(SocketEvents.PING, Object.class, (socket, body, ack) -> {
            if (SocketAuthentication.principal(socket).isPresent()) {
                socket.sendEvent(SocketEvents.PONG, Map.of("timestamp", java.time.Instant.now().toString()));
            }
        });
        features.forEach(feature -> feature.register(server));
    }

    /**
     * netty-socketio's channel set-up with our handlers: {@link SessionIdClaims} in front of its handshake, and in
     * front of its packet handler {@link ConnectPacketSeen}
     * (the login deadline counts from the {@code CONNECT}) and {@link WebsocketChannelSeen} (broadcast frames go
     * straight to the websocket).
     */
    private static SocketIOChannelInitializer pipeline(SessionIdClaims claims) {
        return new SocketIOChannelInitializer() {
            @Override
            protected void addSocketioHandlers(ChannelPipeline pipeline) {
                super.addSocketioHandlers(pipeline);
                pipeline.addBefore(AUTHORIZE_HANDLER, "luxe-session-id-claims", claims);
                pipeline.addBefore(PACKET_HANDLER, "luxe-connect-seen", ConnectPacketSeen.HANDLER);
                pipeline.addBefore(PACKET_HANDLER, "luxe-websocket-seen", WebsocketChannelSeen.HANDLER);
            }
        };
    }

    /** The netty-socketio server, for this package's features. */
    SocketIOServer server() {
        return server;
    }

    /** The port sockets connect to. */
    public int port() {
        return port;
    }

    public int connectedSockets() {
        return server.getAllClients().size();
    }

    @Override
    public synchronized void start() {
        server.start();
        running = true;
        log.info("Socket.IO listening on port {}", port);
    }

    /** Stops the server if {@link SocketDrain} has not already: its sockets close, their clients reconnect. */
    @Override
    public void stop() {
        stopNow();
    }

    synchronized void stopNow() {
        if (running) {
            running = false;
            server.stop();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * netty-socketio cannot start again once stopped (its timer refuses), so the server is not paused with an idle
     * test context; it stops only when the context closes.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
