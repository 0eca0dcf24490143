package com.luxedrive.gateway.balancing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps a Socket.IO session on the realtime instance that holds it. Engine.IO's long-polling transport sends every
 * poll as a new HTTP request, and only the instance that made the handshake knows its {@code sid}. So a handshake (a
 * Socket.IO request without {@code sid}) is given, after the load balancer chose its instance, a session id that
 * points at that instance ({@link SocketSessionIds}), in the header the instance takes it from; the polls and the
 * websocket upgrade that name it are sent there by {@link SocketSessionAffinity}. A client's own {@code io} header is
 * never passed on: only the gateway names sessions. If the instance is gone, the balancer picks another, which does
 * not know the session; the client's reconnect then starts a fresh one there.
 */
@Component
class SocketAffinityFilter implements GlobalFilter, Ordered {

    private final String routeId;

    SocketAffinityFilter(@Value("${luxe.gateway.socket-route-id:socket-io}") String routeId) {
        this.routeId = routeId;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !routeId.equals(route.getId())) {
            return chain.filter(exchange);
        }
        Response<ServiceInstance> chosen = exchange.getAttribute(
                ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        boolean handshake = request.getQueryParams().getFirst("sid") == null;
        if (!handshake && request.getHeaders().getFirst(SocketSessionIds.HEADER) == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest named = request.mutate().headers(headers -> {
            headers.remove(SocketSessionIds.HEADER);
            if (handshake && chosen != null && chosen.hasServer()) {
                headers.set(SocketSessionIds.HEADER, SocketSessionIds.newId(chosen.getServer()).toString());
            }
        }).build();
        return chain.filter(exchange.mutate().request(named).build());
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
