package com.luxedrive.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request bodies in flight may hold in one replica. The routes with a retry or a circuit breaker have their
 * bodies read whole before they are proxied (Spring Cloud Gateway caches them, in Netty's direct memory, outside the
 * heap), so uploads in flight hold their size each: a client using its rate-limit burst for 12 MB uploads could fill
 * the pod's memory and have it killed for everyone.
 * <ul>
 *     <li>A body reserves its announced length (sent chunked, of unknown length: its route's limit) from
 *     {@code luxe.gateway.body-buffer} until its exchange ends; when that is spent the request is a 503 problem with
 *     {@code Retry-After} (this replica is busy, another may not be).</li>
 *     <li>One caller — the token's user, else the client's address — may hold at most
 *     {@code luxe.gateway.body-buffer-per-caller} of it (two uploads); past that a request is a 429 problem with
 *     {@code Retry-After}, so one caller cannot spend the budget alone. A body larger than a caller's share could
 *     never pass: a 413.</li>
 * </ul>
 * Requests without a body pass at once: over HTTP/1.1 (what the gateway serves) a request with neither
 * {@code Content-Length} nor {@code Transfer-Encoding} has none, whatever its method.
 */
@Component
class BodyBudget implements GlobalFilter, Ordered {

    private final long capacity;
    private final AtomicLong free;
    private final long perCaller;
    /** Bytes reserved per caller; a caller holding none has no entry. */
    private final Map<String, Long> reservedByCaller = new ConcurrentHashMap<>();
    private final BodySizeFilter limits;
    private final Counter refusedForCaller;
    private final Counter refusedForReplica;

    BodyBudget(RequestBodyProperties bodies, BodySizeFilter limits, MeterRegistry meters) {
        this.capacity = bodies.bodyBuffer().toBytes();
        this.free = new AtomicLong(capacity);
        this.perCaller = bodies.bodyBufferPerCaller().toBytes();
        this.limits = limits;
        Gauge.builder("luxe.gateway.body.buffer.reserved", free, left -> capacity - left.get())
                .description("Bytes of request bodies in flight reserved against luxe.gateway.body-buffer")
                .baseUnit("bytes")
                .register(meters);
        this.refusedForCaller = refusals(meters, "caller");
        this.refusedForReplica = refusals(meters, "replica");
    }

    private static Counter refusals(MeterRegistry meters, String share) {
        return Counter.builder("luxe.gateway.body.buffer.refused")
                .description("Requests refused because their body did not fit the caller's share (429) or the"
                        + " replica's budget (503)")
                .tag("share", share)
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long announced = request.getHeaders().getContentLength();
        boolean chunked = announced < 0 && request.getHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING) != null;
        if (announced <= 0 && !chunked) {
            return chain.filter(exchange);
        }
        long bytes = chunked ? limits.maxBytes(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR))
                : announced;
        if (bytes > perCaller) {
            return BodySizeFilter.tooLarge(exchange, perCaller);
        }
        return exchange.getPrincipal().map(Principal::getName).map(user -> "user:" + user)
                .defaultIfEmpty("address:" + ClientAddresses.forLimits(request))
                .flatMap(caller -> reserved(exchange, chain, bytes, caller));
    }

    /** Runs the chain with {@code bytes} reserved for {@code caller} until it ends. */
    private Mono<Void> reserved(ServerWebExchange exchange, GatewayFilterChain chain, long bytes, String caller) {
        if (reservedByCaller.merge(caller, bytes, Long::sum) > perCaller) {
            release(caller, bytes);
            refusedForCaller.increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "too-much-in-flight",
                    "Your requests in progress already carry as much as one caller may send at once ("
                            + perCaller + " bytes); send this one when one of them is done.");
        }
        if (!take(bytes)) {
            release(caller, bytes);
            refusedForReplica.increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "gateway-busy",
                    "The gateway is holding as many request bodies as it may; send this one again shortly.");
        }
        // once per subscription, whether the exchange completes, fails or is cancelled
        return chain.filter(exchange).doFinally(signal -> {
            free.addAndGet(bytes);
            release(caller, bytes);
        });
    }

    private boolean take(long bytes) {
        long left;
        do {
            left = free.get();
            if (left < bytes) {
                return false;
            }
        } while (!free.compareAndSet(left, left - bytes));
        return true;
    }

    /** {@code bytes} of {@code caller}'s given back; the entry goes with the last, so callers do not pile up. */
    private void release(String caller, long bytes) {
        reservedByCaller.computeIfPresent(caller, (key, held) -> held == bytes ? null : held - bytes);
    }

    @Override
    public int getOrder() {
        // after the body limit (a 413 first) and the rate limit (a request it refuses holds nothing); before the
        // gateway's body cache (AdaptCachedBodyGlobalFilter, HIGHEST_PRECEDENCE + 1000), which reads the body
        return Ordered.HIGHEST_PRECEDENCE + 25;
    }
}
