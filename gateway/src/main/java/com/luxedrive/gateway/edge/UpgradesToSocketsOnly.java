package com.luxedrive.gateway.edge;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A websocket handshake is for the Socket.IO route only. Spring Cloud Gateway makes one of any request carrying
 * {@code Upgrade: websocket}, whatever its route; on a REST route the handshake fails inside the route's circuit
 * breaker, which counted it as the service failing — six anonymous requests opened a service's breaker, and every
 * caller got 503 for its open time. Refused here with a 400 problem, before any route filter runs.
 */
@Component
class UpgradesToSocketsOnly implements GlobalFilter, Ordered {

    static final String SOCKET_ROUTE = "socket-io";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null && !SOCKET_ROUTE.equals(route.getId())
                && "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "malformed-request",
                    "Only /socket.io/ takes a websocket upgrade.");
        }
        return chain.filter(exchange);
    }

    /** Before the rate limit and every route filter: it costs one header look-up. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 15;
    }
}
