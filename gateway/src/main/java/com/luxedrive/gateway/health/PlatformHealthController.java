package com.luxedrive.gateway.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers {@code {"status":"ok","timestamp":…,"services":{…}}} when every service is ready, and 503 with
 * {@code "status":"degraded"} naming the ones that are not. Checks run in parallel, each with a timeout. The path is
 * public and outside the rate limits (monitors and load balancers call it), so one round of checks answers every
 * call for {@code cache-for}: a flood of calls costs the services one request each per second, not one per call.
 */
@RestController
class PlatformHealthController {

    private final PlatformHealthProperties properties;
    private final WebClient http;
    private final Clock clock;
    /** The latest round of checks, shared by the calls that come while it runs and for {@code cache-for} after. */
    private final Mono<Map<String, String>> services;

    PlatformHealthController(PlatformHealthProperties properties, WebClient.Builder http) {
        this.properties = properties;
        this.http = http.build();
        this.clock = Clock.systemUTC();
        this.services = Flux.fromIterable(properties.services().entrySet())
                .flatMap(service -> check(service.getValue().toString())
                        .map(up -> Map.entry(service.getKey(), up ? "up" : "down")))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(Collections::unmodifiableMap)
                .cache(properties.cacheFor());
    }

    @GetMapping("/health")
    Mono<ResponseEntity<Map<String, Object>>> health() {
        return services
                .map(services -> {
                    boolean allUp = services.values().stream().allMatch("up"::equals);
                    Map<String, Object> body = Map.of(
                            "status", allUp ? "ok" : "degraded",
                            "timestamp", clock.instant().toString(),
                            "services", services);
                    return ResponseEntity.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
                });
    }

    private Mono<Boolean> check(String uri) {
        return http.get().uri(uri).retrieve().toBodilessEntity()
                .map(response -> response.getStatusCode().is2xxSuccessful())
                .timeout(properties.timeout())
                .onErrorReturn(false);
    }
}
