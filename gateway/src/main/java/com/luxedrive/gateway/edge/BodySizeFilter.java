package com.luxedrive.gateway.edge;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses a body larger than its route's limit with 413: the route's metadata {@code max-body-size} (document uploads,
 * notification sends), else {@code luxe.gateway.max-body-size}. One announced larger (its
 * {@code Content-Length}) is refused before a byte of it is proxied. One of unannounced length (chunked) is counted
 * as it is read: past the limit the read fails and the client gets the 413. On the routes with a circuit breaker the
 * gateway reads a body whole before proxying it (to replay it to the fallback), so it is refused before a byte
 * reaches the service and what is held never exceeds the limit; elsewhere the stream to the service is cut, and the
 * service gets a body that never ends properly and takes nothing from it.
 */
@Component
class BodySizeFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    static final String ROUTE_LIMIT = "max-body-size";
    /** A body of announced length: refused before it is read if too long, so not counted as it comes. */
    private static final long UNCOUNTED = Long.MAX_VALUE;

    private final long defaultMaxBytes;
    private final Map<String, Long> routeMaxBytes = new ConcurrentHashMap<>();

    BodySizeFilter(RequestBodyProperties bodies) {
        this.defaultMaxBytes = bodies.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long maxBytes = maxBytes(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return tooLarge(exchange, maxBytes);
        }
        if (length == 0 || length < 0 && !mayHaveBody(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        // counted when its length is unknown; a body that stops arriving (RequestTimeouts) is the client's time-out
        ServerWebExchange guarded = exchange.mutate()
                .request(new GuardedBody(exchange.getRequest(), length < 0 ? maxBytes : UNCOUNTED)).build();
        return chain.filter(guarded)
                .onErrorResume(TooLarge.class, refused -> exchange.getResponse().isCommitted()
                        ? Mono.error(refused) : tooLarge(exchange, maxBytes))
                .onErrorResume(BodyTimedOut.class, late -> exchange.getResponse().isCommitted()
                        ? Mono.error(late) : Problems.write(exchange.getResponse(), HttpStatus.REQUEST_TIMEOUT,
                        "request-timeout", "The request body stopped arriving; send it again."));
    }

    /** The body limit of {@code route}: its metadata's, else the default. */
    long maxBytes(Route route) {
        Object limit = route == null ? null : route.getMetadata().get(ROUTE_LIMIT);
        if (limit == null) {
            return defaultMaxBytes;
        }
        return routeMaxBytes.computeIfAbsent(limit.toString(), size -> DataSize.parse(size).toBytes());
    }

    /** Without a length, a body comes chunked (HTTP/1.1) or with a method that carries one (HTTP/2). */
    private static boolean mayHaveBody(ServerHttpRequest request) {
        return request.getHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING) != null
                || BODY_METHODS.contains(request.getMethod());
    }

    static Mono<Void> tooLarge(ServerWebExchange exchange, long maxBytes) {
        return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body is larger than the " + maxBytes + " bytes accepted.");
    }

    /**
     * A request whose body fails with {@link TooLarge} once more than the limit has come through, and with {@link
     * BodyTimedOut} when it stopped arriving (Netty's read time-out on the client's connection, which would
     * otherwise be taken for a service's and answered 504).
     */
    private static final class GuardedBody extends ServerHttpRequestDecorator {

        private final long maxBytes;

        GuardedBody(ServerHttpRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            Flux<DataBuffer> body = super.getBody()
                    .onErrorMap(BodySizeFilter::stoppedArriving, late -> new BodyTimedOut());
            if (maxBytes == UNCOUNTED) {
                return body;
            }
            return Flux.defer(() -> {
                AtomicLong seen = new AtomicLong();
                return body.handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new TooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }

    /**
     * Reactor Netty's read time-out on the client's connection ({@code ReadTimeoutException}), or its request time-out
     * ({@code RequestTimeoutException}, package-private: known by its name).
     */
    private static boolean stoppedArriving(Throwable failure) {
        return failure instanceof io.netty.handler.timeout.TimeoutException
                || failure.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException");
    }

    private static final class BodyTimedOut extends RuntimeException {
        BodyTimedOut() {
            super("request body stopped arriving", null, false, false);
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over the limit", null, false, false);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
