package com.luxedrive.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
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

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses a body larger than {@code luxe.gateway.max-body-size} with 413. One announced larger (its
 * {@code Content-Length}) is refused before a byte of it is proxied. One of unannounced length (chunked) is counted
 * as it is read: past the limit the read fails and the client gets the 413. On the routes with a circuit breaker the
 * gateway reads a body whole before proxying it (to replay it to the fallback), so it is refused before a byte
 * reaches the service and what is held never exceeds the limit; elsewhere the stream to the service is cut, and the
 * service gets a body that never ends properly and takes nothing from it.
 */
@Component
class BodySizeFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final long maxBytes;

    BodySizeFilter(@Value("${luxe.gateway.max-body-size}") DataSize maxBodySize) {
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return tooLarge(exchange);
        }
        if (length >= 0 || !mayHaveBody(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        ServerWebExchange counted = exchange.mutate().request(new CountedBody(exchange.getRequest(), maxBytes)).build();
        return chain.filter(counted).onErrorResume(TooLarge.class, refused -> exchange.getResponse().isCommitted()
                ? Mono.error(refused) : tooLarge(exchange));
    }

    /** Without a length, a body comes chunked (HTTP/1.1) or with a method that carries one (HTTP/2). */
    private static boolean mayHaveBody(ServerHttpRequest request) {
        return request.getHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING) != null
                || BODY_METHODS.contains(request.getMethod());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body is larger than the " + maxBytes + " bytes accepted.");
    }

    /** A request whose body fails with {@link TooLarge} once more than the limit has come through. */
    private static final class CountedBody extends ServerHttpRequestDecorator {

        private final long maxBytes;

        CountedBody(ServerHttpRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
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
