package com.luxedrive.auth.abuse;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code ipRequestsPerMinute} calls of one open endpoint per client IP per minute, on this instance. The
 * gateway's Redis-backed limits hold across replicas; this is the service's own floor behind them.
 */
@Component
public class IpThrottle {

    private static final Logger log = LoggerFactory.getLogger(IpThrottle.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 100_000;

    private final AbuseProperties properties;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.EPOCH;

    IpThrottle(AbuseProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public void check(String endpoint, String ip) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED && lastSweep.plus(WINDOW).isBefore(now)) {
            // at most once a minute, so a flood of new addresses cannot make every call scan the map
            lastSweep = now;
            windows.values().removeIf(window -> window.endsBefore(now));
        }
        Window window = windows.compute(endpoint + "|" + ip,
                (key, current) -> current == null || current.endsBefore(now) ? new Window(now, 1) : current.plusOne());
        if (window.count() > properties.ipRequestsPerMinute()) {
            log.warn("throttled endpoint={} ip={}", endpoint, ip);
            throw new Throttled(Duration.between(now, window.start().plus(WINDOW)));
        }
    }

    private record Window(Instant start, int count) {

        boolean endsBefore(Instant now) {
            return !start.plus(WINDOW).isAfter(now);
        }

        Window plusOne() {
            return new Window(start, count + 1);
        }
    }

    static final class Throttled extends ApiException.TooManyRequests {
        Throttled(Duration retryAfter) {
            super(ProblemTypes.of("rate-limited"), "Too many requests from this address; slow down.", retryAfter);
        }
    }
}
