package com.luxedrive.gateway.edge;

import com.luxedrive.security.LuxeServerHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The gateway checks every bearer token with the shared library and answers 401 itself. Open: the contract's public
 * endpoints, the platform health, the probes, and {@code /socket.io/}, whose sockets authenticate in the Socket.IO
 * CONNECT (a refusal there reaches the client as {@code connect_error}, an HTTP 401 only as a time-out).
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfig {

    static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                    "/api/auth/register", "/api/auth/login", "/api/auth/refresh"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET,
                    "/api/auth/.well-known/jwks.json", "/health", "/actuator/health", "/actuator/health/**"),
            ServerWebExchangeMatchers.pathMatchers("/socket.io", "/socket.io/**"));

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, LuxeServerHttpSecurity luxe) {
        return luxe.apply(http, PUBLIC)
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .build();
    }
}
