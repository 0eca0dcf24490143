package com.luxedrive.gateway.edge;

import com.luxedrive.security.LuxeServerHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * The gateway checks every bearer token with the shared library and answers 401 itself. Open: the contract's public
 * endpoints, the platform health, the probes, and {@code /socket.io/}, whose sockets authenticate in the Socket.IO
 * CONNECT (a refusal there reaches the client as {@code connect_error}, an HTTP 401 only as a time-out); and
 * {@code /internal/**}, which no route leads to, so that it is a 404 with or without a token.
 * <p>
 * CORS admits the configured frontends only. It applies to every request carrying a foreign {@code Origin}, the
 * websocket upgrade included, so a page on another site cannot open a socket with a victim's cookies (the check the
 * gateway's own websocket routing lacks before 5.0.5).
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfig {

    static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                    "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                    // auth-service reads the access token itself, so that an app whose token expired can still end
                    // its session with the refresh token
                    "/api/auth/logout"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET,
                    "/api/auth/.well-known/jwks.json", "/health",
                    // on the management port only (GATEWAY_MANAGEMENT_PORT), which is not published: probes, and
                    // Prometheus inside the cluster
                    "/actuator/health", "/actuator/health/**", "/actuator/prometheus"),
            // a load balancer's or uptime monitor's check may use HEAD
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, "/health"),
            ServerWebExchangeMatchers.pathMatchers("/socket.io", "/socket.io/**"),
            // no route leads there: a 404 for everyone, not a 401 that would tell an anonymous caller to come back
            // with a token
            ServerWebExchangeMatchers.pathMatchers("/internal", "/internal/**"));

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, LuxeServerHttpSecurity luxe, CorsProperties cors) {
        return luxe.apply(http, PUBLIC)
                .cors(spec -> spec.configurationSource(corsSource(cors)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .build();
    }

    /**
     * A request Spring Security's firewall refuses (an encoded slash or dot, a dot segment, a double slash, a header
     * value it cannot trust) gets the platform's 400 problem instead of an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedAsProblem() {
        return (exchange, rejected) -> Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                "malformed-request", "The request's path or headers are not accepted.");
    }

    private static UrlBasedCorsConfigurationSource corsSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        // If-Match and ETag: the admin panel's guard against sending a draft another admin changed meanwhile
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
                HttpHeaders.IF_MATCH, "X-Request-Id"));
        cors.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION,
                HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.ETAG, "X-RateLimit-Limit", "X-RateLimit-Remaining"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
