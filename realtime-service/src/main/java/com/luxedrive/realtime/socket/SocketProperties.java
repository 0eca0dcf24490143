package com.luxedrive.realtime.socket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param host          interface the Socket.IO server binds
 * @param port          its port (0: any free port, for tests)
 * @param loginDeadline how long a socket may stay unauthenticated after its Socket.IO {@code CONNECT}
 * @param connectDeadline how long a socket may stay open without a Socket.IO {@code CONNECT}, and a connection
 *                      without its first request: generous, since a {@code CONNECT} or a request waiting in the
 *                      server's own queues during a connect storm counts here
 * @param maxFramePayloadBytes the largest websocket frame or polling body accepted
 * @param maxUnsentBytes bytes written to a websocket and not yet taken by the network above which it counts as having
 *                      stopped reading and is closed: more than a burst of notifications (a catch-up's replay is
 *                      written at the network's pace)
 * @param sendBufferBytes the kernel's send buffer per connection ({@code SO_SNDBUF}); 0: the system's, which grows
 *                      with the connection (up to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default). What a
 *                      client has not read waits there before it counts against {@code maxUnsentBytes}
 * @param maxPerUser    sockets one user may hold on one instance; a further one is refused ({@code too_many_sockets})
 * @param maxSockets    sockets one instance holds at most; a further one is refused at once ({@code server_full}),
 *                      so a client reconnects to another instance
 * @param drainDelay    on shutdown, how long readiness reports "refusing traffic" before the sockets are closed, so
 *                      the load balancer stops sending new sockets here first
 * @param pingInterval  Engine.IO heartbeat: how often the server pings each socket
 * @param pingTimeout   how long a pong may take; a client that hears no ping for interval + timeout reconnects, which
 *                      bounds how long a client stays on a connection that died silently (a killed instance behind
 *                      the gateway)
 * @param acceptBacklog connections the kernel holds for the acceptor during a connect storm (capped by the host's
 *                      {@code net.core.somaxconn})
 * @param eventLoops    the Netty threads that read from and write to the sockets (0: twice the cores, Netty's
 *                      default)
 * @param broadcastLoops how many event loops write one broadcast at the same time (0: half the cores, at least one),
 *                      so a broadcast to thousands of sockets does not take every core of the host at once
 */
@Validated
@ConfigurationProperties("luxe.realtime.socket")
public record SocketProperties(@NotBlank String host, @Min(0) @Max(65535) int port, @NotNull Duration loginDeadline,
                               @NotNull Duration connectDeadline,
                               @Min(1024) int maxFramePayloadBytes, @Min(65536) int maxUnsentBytes,
                               @Min(0) int sendBufferBytes,
                               @Min(1) int maxPerUser, @Min(1) int maxSockets,
                               @NotNull Duration drainDelay, @NotNull Duration pingInterval,
                               @NotNull Duration pingTimeout, @Min(1) int acceptBacklog, @Min(0) int eventLoops,
                               @Min(0) int broadcastLoops) {

    /**
     * How far each socket's heartbeat is moved, at random, from its connection's: half the shorter of interval and
     * timeout, so the first ping (at most interval + spread after the open) still comes well before a client gives up
     * (interval + timeout).
     */
    Duration heartbeatSpread() {
        return (pingInterval.compareTo(pingTimeout) < 0 ? pingInterval : pingTimeout).dividedBy(2);
    }

    /** {@link #broadcastLoops} with its default applied. */
    int broadcastParallelism() {
        return broadcastLoops > 0 ? broadcastLoops : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
