package com.luxedrive.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security every service shares: stateless bearer tokens verified by {@link LuxeTokenVerifier}, no sessions,
 * no CSRF (no cookies), problem+json for 401 and 403, and the probes, the OpenAPI document and the error page open.
 * A service adds its own authorization rules after it, ending with {@code anyRequest()}.
 */
public class LuxeHttpSecurity {

    private final JwtDecoder decoder;

    LuxeHttpSecurity(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return apply(http, request -> false);
    }

    /**
     * As {@link #apply(HttpSecurity)}, with endpoints open to anyone. A bearer token sent to them is not even read:
     * a client whose access token just expired must still reach login and refresh.
     */
    public HttpSecurity apply(HttpSecurity http, RequestMatcher publicEndpoints) throws Exception {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        BearerTokenResolver resolver = request -> publicEndpoints.matches(request) ? null : bearer.resolve(request);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(resolver)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(LuxeAuthentication::of))
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .authorizeHttpRequests(requests -> requests
                        // probes and Prometheus: a service's port is reached only inside the cluster (the gateway
                        // never routes /actuator; NetworkPolicies admit the gateway and the monitoring namespace)
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/error")
                        .permitAll()
                        .requestMatchers(publicEndpoints).permitAll());
    }
}
