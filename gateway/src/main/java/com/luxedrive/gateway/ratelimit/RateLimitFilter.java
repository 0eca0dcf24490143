package com.luxedrive.gateway.ratelimit;

import com.luxedrive.gateway.edge.ClientAddresses;
import com.luxedrive.gateway.edge.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket in one Lua script, so every replica shares the
 * count) applied to every routed request, with the policy chosen by who calls and what: per user when a token was
 * verified, per client address otherwise, tighter for login and register, looser for refresh (whose address a
 * carrier's hundreds of signed-in apps may share).
 * <p>
 * Answers carry {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}; a refusal is a 429 problem with
 * {@code Retry-After}. When Redis fails or is slower than {@code redis-timeout} the request passes (fail open),
 * counted in {@code luxe.gateway.ratelimit.redis.failures} and logged at most once a minute.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    /**
     * Matched against the decoded path, as the security rules and the routes match it: {@code /api/auth/%6Cogin} is a
     * login too (auth-service decodes it), not an anonymous call with a budget of its own.
     */
    private static final PathPattern LOGIN_PATHS =
            PathPatternParser.defaultInstance.parse("/api/auth/{action:login|register}");
    private static final PathPattern REFRESH_PATH = PathPatternParser.defaultInstance.parse("/api/auth/refresh");
    private static final PathPattern SOCKET_PATHS = PathPatternParser.defaultInstance.parse("/socket.io/**");
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    private final RedisRateLimiter limiter;
    private final RateLimitProperties properties;
    private final Map<String, RateLimitProperties.Policy> policies;
    private final Counter redisFailures;
    private final MeterRegistry meters;
    private final AtomicLong lastWarning = new AtomicLong();

    RateLimitFilter(RedisRateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
        this.limiter = limiter;
        this.properties = properties;
        this.meters = meters;
        this.policies = Map.of("user", properties.user(), "anonymous", properties.anonymous(),
                "login", properties.login(), "refresh", properties.refresh(), "socket", properties.socket());
        policies.forEach((name, policy) -> limiter.getConfig().put(name, new RedisRateLimiter.Config()
                .setReplenishRate(policy.tokensPerSecond())
                .setBurstCapacity(policy.burst() * policy.tokensPerRequest())
                .setRequestedTokens(policy.tokensPerRequest())));
        this.redisFailures = Counter.builder("luxe.gateway.ratelimit.redis.failures")
                .description("Requests let through unchecked because Redis failed or was too slow")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        // Redis failing or slower than redis-timeout (Lettuce's command timeout, RedisClientConfig): pass unchecked
        return bucket(exchange).flatMap(bucket -> limiter.isAllowed(bucket.policy(), bucket.key())
                .onErrorResume(failure -> Mono.just(new RateLimiter.Response(true,
                        Map.of(RedisRateLimiter.REMAINING_HEADER, "-1"))))
                .flatMap(answer -> {
                    RateLimitProperties.Policy policy = policies.get(bucket.policy());
                    long tokensLeft = Long.parseLong(answer.getHeaders()
                            .getOrDefault(RedisRateLimiter.REMAINING_HEADER, "-1"));
                    if (tokensLeft < 0) {
                        failedOpen();
                        return chain.filter(exchange);
                    }
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("X-RateLimit-Limit", Long.toString(policy.burst()));
                    headers.set("X-RateLimit-Remaining", Long.toString(tokensLeft / policy.tokensPerRequest()));
                    if (answer.isAllowed()) {
                        return chain.filter(exchange);
                    }
                    long missing = policy.tokensPerRequest() - tokensLeft;
                    long retryAfter = Math.max(1, (missing + policy.tokensPerSecond() - 1) / policy.tokensPerSecond());
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                    meters.counter("luxe.gateway.ratelimit.rejected", "policy", bucket.policy()).increment();
                    return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                            "Too many requests; retry in " + retryAfter + " s.");
                }));
    }

    private Mono<Bucket> bucket(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        if (request.getMethod() == HttpMethod.POST && LOGIN_PATHS.matches(path)) {
            return Mono.just(new Bucket("login", ClientAddresses.forLimits(request)));
        }
        if (request.getMethod() == HttpMethod.POST && REFRESH_PATH.matches(path)) {
            return Mono.just(new Bucket("refresh", ClientAddresses.forLimits(request)));
        }
        if (SOCKET_PATHS.matches(path)) {
            return Mono.just(new Bucket("socket", ClientAddresses.forLimits(request)));
        }
        return exchange.getPrincipal().map(Principal::getName).map(user -> new Bucket("user", user))
                .defaultIfEmpty(new Bucket("anonymous", ClientAddresses.forLimits(request)));
    }

    private void failedOpen() {
        redisFailures.increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last > WARNING_INTERVAL.toNanos()) && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits unchecked: Redis failed or took longer than {}; letting requests through",
                    properties.redisTimeout());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    private record Bucket(String policy, String key) {
    }
}
