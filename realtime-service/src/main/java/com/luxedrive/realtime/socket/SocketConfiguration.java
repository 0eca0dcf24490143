package com.luxedrive.realtime.socket;

import com.luxedrive.security.LuxeTokenVerifier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;

@Configuration(proxyBeanMethods = false)
class SocketConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService socketDeadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "socket-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // a socket's expiry check is cancelled when it leaves: out of the queue at once, not at its token's expiry
        deadlines.setRemoveOnCancelPolicy(true);
        return deadlines;
    }

    /**
     * Blocking work a socket triggers (database, outbox) runs here, never on a Netty thread. The queue is bounded:
     * beyond it a socket is told to retry instead of memory growing without end.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService socketWork() {
        return new ThreadPoolExecutor(8, 8, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2_000), runnable -> {
            Thread thread = new Thread(runnable, "socket-work");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The post-login and disconnect steps of each socket (session row, greeting, vehicle list, replay). Each socket
     * queues at most one of each, so the queue is bounded by twice {@code max-sockets}: a reconnect storm of every socket at once waits
     * here instead of being refused (seen with a queue of 2 000: 8 490 of 10 000 sockets left without a greeting).
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService socketLogins(SocketProperties properties) {
        // waiting on HTTP and the database more than computing: more threads than cores
        return new ThreadPoolExecutor(32, 32, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(2 * properties.maxSockets()), runnable -> {
            Thread thread = new Thread(runnable, "socket-login");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ClientSockets clientSockets() {
        return new ClientSockets();
    }

    @Bean
    SocketAuthentication socketAuthentication(LuxeTokenVerifier verifier, SocketProperties properties,
                                              ScheduledExecutorService socketDeadlines, ExecutorService socketLogins,
                                              List<AuthenticatedSocketListener> listeners, ClientSockets clients,
                                              RevokedTokens revokedTokens) {
        return new SocketAuthentication(verifier, properties, socketDeadlines, socketLogins, listeners, clients,
                revokedTokens);
    }

    /** Logouts and deactivations of the last {@code luxe.realtime.revocation-window}: the longest token life. */
    @Bean
    RevokedTokens revokedTokens(@Value("${luxe.realtime.revocation-window:20m}") Duration window, Clock clock) {
        return new RevokedTokens(window, clock);
    }

    /** The revocations of the window known before the socket server opens. */
    @Bean
    RevocationReplay revocationReplay(ConsumerFactory<?, ?> consumers, RevokedTokens revokedTokens,
                                      @Value("${luxe.realtime.revocation-replay-timeout:60s}") Duration timeout,
                                      Clock clock) {
        return new RevocationReplay(consumers, revokedTokens, timeout, clock);
    }

    @Bean
    SocketServer socketServer(SocketProperties properties, SocketAuthentication authentication,
                              List<SocketEventRegistrar> features) {
        return new SocketServer(properties, authentication, features);
    }

    @Bean
    SocketDrain socketDrain(SocketServer server, SocketProperties properties, ApplicationEventPublisher events,
                            ScheduledExecutorService socketDeadlines) {
        return new SocketDrain(server, properties.drainDelay(), events, socketDeadlines);
    }

    /** {@code luxe.sockets.connected}: the sockets this instance holds (authenticated or still proving it). */
    @Bean
    MeterBinder connectedSockets(SocketServer server) {
        return meters -> Gauge.builder("luxe.sockets.connected", server, SocketServer::connectedSockets)
                .description("Sockets held by this instance")
                .register(meters);
    }

    @Bean
    SocketPublisher socketPublisher(SocketServer server, ClientSockets clients, SocketProperties properties) {
        return new SocketPublisher(server.server(), clients, properties.broadcastParallelism());
    }
}
