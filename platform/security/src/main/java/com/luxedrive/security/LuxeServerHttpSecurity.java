package com.luxedrive.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * {@link LuxeHttpSecurity} for WebFlux (the gateway): stateless bearer tokens verified by {@link LuxeTokenVerifier},
 * problem+json for 401 and 403, and public endpoints where a bearer token sent along is not even read.
 */
public class LuxeServerHttpSecurity {

    private final ReactiveJwtDecoder decoder;

    LuxeServerHttpSecurity(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    public ServerHttpSecurity apply(ServerHttpSecurity http, ServerWebExchangeMatcher publicEndpoints) {
        BearerTokenHeader bearer = new BearerTokenHeader();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // the default repository opens a web session per request (a hop to boundedElastic and back to
                // parallel in the in-memory store) only to find no security context in it
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(exchange -> publicEndpoints.matches(exchange)
                                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange)))
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(token -> Mono.just(LuxeAuthentication.of(token))))
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .authorizeExchange(exchanges -> exchanges.matchers(publicEndpoints).permitAll());
    }

    private static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, ProblemResponses.UNAUTHORIZED_TYPE,
                    "Unauthorized", "A valid bearer token is required.");
        };
    }

    private static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> write(exchange.getResponse(), HttpStatus.FORBIDDEN, ProblemResponses.FORBIDDEN_TYPE,
                "Forbidden", "Your role may not do this.");
    }

    private static Mono<Void> write(org.springframework.http.server.reactive.ServerHttpResponse response,
                                    HttpStatus status, String type, String title, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = ("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
