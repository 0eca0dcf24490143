package com.luxedrive.gateway.requests;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;

/**
 * Passes the gateway's trace context to the service: the request's server span (which continues a caller's
 * {@code traceparent}, or starts a trace) is written into the proxied request's headers, so the service's spans and
 * log lines join it whether or not the caller sent one. The gateway's own per-call client observations do this too,
 * with timers and a span per call; they are off for throughput (docs/performance.md), and this filter stands in for
 * their propagation alone — it is not registered when they are on.
 */
@Component
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.observability.enabled", havingValue = "false")
class TraceContextHeadersFilter implements HttpHeadersFilter, Ordered {

    /** Null when tracing is not configured: then there is no trace to pass on. */
    private final Propagator propagator;

    TraceContextHeadersFilter(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator.getIfAvailable();
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (propagator == null) {
            return input;
        }
        Span span = serverSpan(exchange).orElse(null);
        if (span == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        propagator.inject(span.context(), headers, HttpHeaders::set);
        return headers;
    }

    /** The span of the request's server observation, when it is traced. */
    static Optional<Span> serverSpan(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
