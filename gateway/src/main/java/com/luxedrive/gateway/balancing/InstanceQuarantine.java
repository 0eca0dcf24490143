package com.luxedrive.gateway.balancing;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances that refused a connection, kept out of the balancer's choice for a while. A static list of instances
 * (the local platform, compose) keeps naming an instance that died; without this, every other request, and every
 * poll of a Socket.IO session pinned to it, would go on trying it. A refused connection means the request was never
 * sent, so the instance is left aside at the first one; after {@code luxe.gateway.quarantine} it is tried again.
 */
@Component
public class InstanceQuarantine {

    private static final Logger log = LoggerFactory.getLogger(InstanceQuarantine.class);

    private final Duration period;
    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    @Autowired
    InstanceQuarantine(@Value("${luxe.gateway.quarantine:10s}") Duration period, MeterRegistry meters) {
        this(period, Clock.systemUTC());
        meters.gauge("luxe.gateway.instances.quarantined", until, Map::size);
    }

    InstanceQuarantine(Duration period, Clock clock) {
        this.period = period;
        this.clock = clock;
    }

    /** The instance refused a connection: left aside for the quarantine period. */
    public void refused(ServiceInstance instance) {
        if (until.put(key(instance), clock.instant().plus(period)) == null) {
            log.warn("{} instance {} refused a connection: left aside for {}", instance.getServiceId(),
                    instance.getUri(), period);
        }
    }

    /** The instances not in quarantine; all of them when every one is (trying beats answering 503 unasked). */
    public List<ServiceInstance> available(List<ServiceInstance> instances) {
        if (until.isEmpty()) {
            return instances;
        }
        Instant now = clock.instant();
        until.values().removeIf(end -> !end.isAfter(now));
        List<ServiceInstance> available = instances.stream().filter(instance -> !until.containsKey(key(instance)))
                .toList();
        return available.isEmpty() ? instances : available;
    }

    private static String key(ServiceInstance instance) {
        return instance.getServiceId() + " " + instance.getUri();
    }
}
