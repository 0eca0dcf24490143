package com.luxedrive.realtime.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The first step of a shutdown: readiness goes to "refusing traffic", so the load balancer sends no new socket here,
 * while everything else still runs — the Kafka consumers go on pushing to the sockets, the actuator answers the
 * probes; after the drain delay (on the scheduler, not holding a thread) the sockets are closed and their clients
 * reconnect to another instance, where they are replayed what they missed. It stops in the highest phase, before the
 * consumers ({@code Integer.MAX_VALUE - 100}) and the web server's graceful shutdown; Spring waits for the callback
 * before going on (at most {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
class SocketDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketDrain.class);

    private final SocketServer server;
    private final Duration drainDelay;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    SocketDrain(SocketServer server, Duration drainDelay, ApplicationEventPublisher events,
                ScheduledExecutorService scheduler) {
        this.server = server;
        this.drainDelay = drainDelay;
        this.events = events;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        int sockets = server.connectedSockets();
        if (drainDelay.isZero() || sockets == 0) {
            server.stopNow();
            callback.run();
            return;
        }
        log.info("draining: readiness down, closing {} sockets in {}", sockets, drainDelay);
        scheduler.schedule(() -> {
            try {
                server.stopNow();
            } finally {
                callback.run();
            }
        }, drainDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Its stop ends the socket server, which cannot start again: an idle test context is not paused through it. */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
