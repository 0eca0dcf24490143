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
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps a Socket.IO session on the realtime instance that holds it. Engine.IO's long-polling transport sends every
 * poll as a new HTTP request, and only the instance that made the handshake knows its {@code sid}; so after the load
 * balancer chose an instance, the answer sets the cookie that Spring Cloud LoadBalancer's request-based sticky
 * session reads ({@code sc-lb-instance-id}), and the next polls and the websocket upgrade go to the same instance.
 * If that instance is gone, the balancer picks another and the cookie follows it; the client's reconnect then
 * starts a fresh session there.
 */
@Component
class SocketAffinityFilter implements GlobalFilter, Ordered {

    private final String routeId;
    private final String cookieName;

    SocketAffinityFilter(@Value("${luxe.gateway.socket-route-id:socket-io}") String routeId,
                         @Value("${spring.cloud.loadbalancer.sticky-session.instance-id-cookie-name:sc-lb-instance-id}")
                         String cookieName) {
        this.routeId = routeId;
        this.cookieName = cookieName;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Response<ServiceInstance> chosen = exchange.getAttribute(
                ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (route == null || !routeId.equals(route.getId()) || chosen == null || !chosen.hasServer()) {
            return chain.filter(exchange);
        }
        String instance = chosen.getServer().getInstanceId();
        HttpCookie sent = exchange.getRequest().getCookies().getFirst(cookieName);
        if (instance != null && (sent == null || !instance.equals(sent.getValue()))) {
            exchange.getResponse().addCookie(ResponseCookie.from(cookieName, instance)
                    .path("/socket.io")
                    .httpOnly(true)
                    .secure("https".equals(exchange.getRequest().getURI().getScheme()))
                    .sameSite("Lax")
                    .build());
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
