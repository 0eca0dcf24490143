package com.luxedrive.gateway.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A request body must keep arriving: one that pauses longer than {@code luxe.gateway.request-read-timeout}, or takes
 * longer than {@code luxe.gateway.request-timeout} in all, is cut by Reactor Netty (408). Without it a client sending a
 * body a byte at a time held the gateway's buffer for it for ever. Websockets, once upgraded, and the answers'
 * streaming are not requests' content and are not bound by these.
 */
@Configuration(proxyBeanMethods = false)
class RequestTimeouts {

    @Bean
    NettyServerCustomizer requestBodyTimeouts(RequestBodyProperties bodies) {
        return server -> server.readTimeout(bodies.requestReadTimeout()).requestTimeout(bodies.requestTimeout());
    }
}
