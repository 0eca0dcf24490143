package com.luxedrive.gateway.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id} — the caller's when it is a sane token, else a fresh UUID — passed to
 * the service and returned to the caller, and writes one access-log line per request when it completes. The line's
 * fields (method, path, status, duration, request id, trace id, client) are key-value pairs, so the {@code json} profile's
 * structured logging renders them as JSON fields.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger accessLog = LoggerFactory.getLogger("luxe.gateway.access");

    private final boolean accessLogEnabled;

    RequestIdFilter(@Value("${luxe.gateway.access-log.enabled:true}") boolean accessLogEnabled) {
        this.accessLogEnabled = accessLogEnabled;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        if (!accessLogEnabled) {
            return chain.filter(withId);
        }
        long started = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> log(withId, id, started));
    }

    /** The request's trace (the one the services' log lines carry), or "" when it is not traced. */
    private static String traceId(ServerWebExchange exchange) {
        return TraceContextHeadersFilter.serverSpan(exchange)
                .map(span -> span.context().traceId())
                .orElse("");
    }

    private static void log(ServerWebExchange exchange, String id, long started) {
        if (!accessLog.isInfoEnabled()) {
            return;
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        long millis = (System.nanoTime() - started) / 1_000_000;
        InetSocketAddress remote = request.getRemoteAddress();
        accessLog.atInfo()
                .addKeyValue("request_id", id)
                .addKeyValue("trace_id", traceId(exchange))
                .addKeyValue("method", request.getMethod().name())
                .addKeyValue("path", request.getPath().value())
                .addKeyValue("status", status == null ? 0 : status.value())
                .addKeyValue("duration_ms", millis)
                .addKeyValue("client", remote == null || remote.getAddress() == null
                        ? "" : remote.getAddress().getHostAddress())
                .log("{} {} {} {}ms", request.getMethod().name(), request.getPath().value(),
                        status == null ? 0 : status.value(), millis);
    }
}
