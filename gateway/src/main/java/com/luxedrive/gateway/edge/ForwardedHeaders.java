package com.luxedrive.gateway.edge;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * What a service learns of the client from the gateway: {@code X-Forwarded-For} is the client's address as the
 * gateway resolved it ({@link ClientAddresses}), one entry, whatever the client sent; the client's other forwarding
 * headers are dropped. The services trust these headers from the gateway (auth-service's per-address floor,
 * realtime-service's session rows), so a client must not be able to write them through it — nor to remove them: a
 * header a client names in its {@code Connection} header is hop-by-hop and removed by the gateway's hop-by-hop filter,
 * so this filter runs after it, and also sets again the request's {@code X-Request-Id} (the one the gateway logged).
 */
@Component
class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    /** Set by RequestIdFilter on the request, from the client's or a fresh one. */
    private static final String REQUEST_ID = "X-Request-Id";

    private static final Set<String> CLIENTS_TO_DROP = Set.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-proto", "x-forwarded-prefix", "x-real-ip");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!CLIENTS_TO_DROP.contains(name.toLowerCase(Locale.ROOT))) {
                headers.addAll(name, values);
            }
        });
        InetSocketAddress client = exchange.getRequest().getRemoteAddress();
        if (client != null && client.getAddress() != null) {
            headers.set(ClientAddresses.FORWARDED_FOR, client.getAddress().getHostAddress());
        }
        String requestId = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        if (requestId != null) {
            headers.set(REQUEST_ID, requestId);
        }
        return headers;
    }

    /**
     * After Spring Cloud Gateway's hop-by-hop filter ({@code Ordered.LOWEST_PRECEDENCE - 1}), which removes what the
     * client's {@code Connection} header names: {@code Connection: X-Forwarded-For} removed the header set here.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
