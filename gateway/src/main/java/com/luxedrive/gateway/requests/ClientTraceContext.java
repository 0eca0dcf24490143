package com.luxedrive.gateway.requests;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a caller's trace headers may decide at the edge. A caller's W3C trace is continued (its trace id reaches the
 * services and the access log), but the caller never decides that a request is recorded: the tracer's parent-based
 * sampler follows a remote parent's sampled flag, so a client sending {@code traceparent: …-01} with every request
 * would have each of them recorded and exported, by the gateway and by every service after it — the tracing
 * pipeline's load at any client's will. The gateway draws the decision itself, at the configured probability, and
 * writes it into the flags before the request's observation starts (an HTTP handler decorator: the observation begins
 * before the first web filter). A {@code traceparent} that is not a well-formed version-00 header is dropped, as the
 * tracer would ignore it. B3 headers (which Spring Boot also reads by default, and whose debug flag forces sampling)
 * and {@code baggage} are dropped too: the platform continues W3C trace context only and takes no baggage from
 * outside — left in place, the routing filter would pass them to the services, which read them as well.
 */
@Configuration(proxyBeanMethods = false)
class ClientTraceContext {

    static final String TRACEPARENT = "traceparent";

    /** Trace headers the platform does not take from outside (HTTP header names are case-insensitive). */
    static final List<String> DROPPED = List.of("b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId",
            "X-B3-Sampled", "X-B3-Flags", "baggage");

    private static final int VERSION_00_LENGTH = 55;

    @Bean
    WebHttpHandlerBuilderCustomizer callerTraceContextSampledAtTheEdge(
            @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return builder -> builder.httpHandlerDecorator(handler -> (request, response) ->
                handler.handle(sampledAtTheEdge(request, probability), response));
    }

    /** The request as the tracer should see it: the same object when it carries no trace header of the caller's. */
    static ServerHttpRequest sampledAtTheEdge(ServerHttpRequest request, double probability) {
        HttpHeaders headers = request.getHeaders();
        if (!carriesTraceHeaders(headers)) {
            return request;
        }
        String traceparent = headers.getFirst(TRACEPARENT);
        String decided = wellFormed(traceparent)
                ? traceparent.substring(0, VERSION_00_LENGTH - 2)
                        + (ThreadLocalRandom.current().nextDouble() < probability ? "01" : "00")
                : null;
        return request.mutate().headers(writable -> {
            DROPPED.forEach(writable::remove);
            if (decided != null) {
                writable.set(TRACEPARENT, decided);
            } else {
                writable.remove(TRACEPARENT);
            }
        }).build();
    }

    /** On every request: a few header look-ups, nothing allocated, and done at the first one found. */
    private static boolean carriesTraceHeaders(HttpHeaders headers) {
        if (headers.containsHeader(TRACEPARENT)) {
            return true;
        }
        for (int i = 0; i < DROPPED.size(); i++) {
            if (headers.containsHeader(DROPPED.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** A version-00 {@code traceparent}: lower-case hex fields, neither id all zeros (W3C Trace Context, 3.2). */
    static boolean wellFormed(String traceparent) {
        if (traceparent == null || traceparent.length() != VERSION_00_LENGTH || !traceparent.startsWith("00-")
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return false;
        }
        return hex(traceparent, 3, 35) && hex(traceparent, 36, 52) && hex(traceparent, 53, 55)
                && !zeros(traceparent, 3, 35) && !zeros(traceparent, 36, 52);
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
