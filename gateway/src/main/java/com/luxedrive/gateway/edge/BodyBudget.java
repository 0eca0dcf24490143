package com.luxedrive.gateway.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request bodies in flight may hold in one replica. The routes with a retry or a circuit breaker have their
 * bodies read whole before they are proxied (Spring Cloud Gateway caches them, in Netty's direct memory, outside the
 * heap), so uploads in flight hold their size each: a client using its rate-limit burst for 12 MB uploads could fill
 * the pod's memory and have it killed for everyone.
 * <ul>
 *     <li>A body reserves its announced length (of unknown length: its route's limit) from
 *     {@code luxe.gateway.body-buffer} until its exchange ends; when that is spent the request is a 503 problem with
 *     {@code Retry-After} (this replica is busy, another may not be).</li>
 *     <li>One caller — the token's user, else the client's address — may hold at most
 *     {@code luxe.gateway.body-buffer-per-caller} of it (two uploads); past that a request is a 429 problem with
 *     {@code Retry-After}, so one caller cannot spend the budget alone.</li>
 * </ul>
 * Requests without a body pass at once.
 */
@Component
class BodyBudget implements GlobalFilter, Ordered {

    private final long capacity;
    private final AtomicLong free;
    private final long perCaller;
    /** Bytes reserved per caller; a caller holding none has no entry. */
    private final Map<String, Long> reservedByCaller = new ConcurrentHashMap<>();
    private final BodySizeFilter limits;

    BodyBudget(@Value("${luxe.gateway.body-buffer}") DataSize bodyBuffer,
               @Value("${luxe.gateway.body-buffer-per-caller}") DataSize perCaller,
               BodySizeFilter limits, MeterRegistry meters) {
        this.capacity = bodyBuffer.toBytes();
        this.free = new AtomicLong(capacity);
        this.perCaller = perCaller.toBytes();
        this.limits = limits;
        Gauge.builder("luxe.gateway.body.buffer.reserved", free, left -> capacity - left.get())
                .description("Bytes of request bodies in flight reserved against luxe.gateway.body-buffer")
                .baseUnit("bytes")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long announced = request.getHeaders().getContentLength();
        if (announced == 0 || announced < 0 && !BodySizeFilter.mayHaveBody(request)) {
            return chain.filter(exchange);
        }
        long bytes = announced > 0 ? announced
                : limits.maxBytes(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
        return exchange.getPrincipal().map(Principal::getName).map(user -> "user:" + user)
                .defaultIfEmpty("address:" + address(request))
                .flatMap(caller -> reserved(exchange, chain, bytes, caller));
    }

    /** Runs the chain with {@code bytes} reserved for {@code caller} until it ends. */
    private Mono<Void> reserved(ServerWebExchange exchange, GatewayFilterChain chain, long bytes, String caller) {
        if (reservedByCaller.merge(caller, bytes, Long::sum) > perCaller) {
            release(caller, bytes);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "too-much-in-flight",
                    "Your requests in progress already carry as much as one caller may send at once ("
                            + perCaller + " bytes); send this one when one of them is done.");
        }
        if (!take(bytes)) {
            release(caller, bytes);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "busy",
                    "The gateway is holding as many request bodies as it may; send this one again shortly.");
        }
        AtomicBoolean done = new AtomicBoolean();
        return chain.filter(exchange).doFinally(signal -> {
            if (done.compareAndSet(false, true)) {
                free.addAndGet(bytes);
                release(caller, bytes);
            }
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

    private static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        // after the body limit (a 413 first) and the rate limit (a request it refuses holds nothing); before the
        // gateway's body cache (AdaptCachedBodyGlobalFilter, HIGHEST_PRECEDENCE + 1000), which reads the body
        return Ordered.HIGHEST_PRECEDENCE + 25;
    }
}
