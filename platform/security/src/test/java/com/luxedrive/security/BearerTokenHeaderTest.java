package com.luxedrive.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** The header is read exactly as Spring Security's own converter (with its defaults) reads it. */
class BearerTokenHeaderTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_~+/";

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT, "BeArEr " + JWT, "Bearer " + JWT + "==",
            "Bearer a", "Bearer a=", "Bearer  " + JWT, "Bearer\t" + JWT, "Bearer", "Bearer ", "Bearer ==", "Bearer =a",
            "Bearer a=b", "Bearer a b", "Bearer a,b", "Bearer a%2Eb", "Bearer é", "Bearer " + JWT + " ",
            "Bearer" + JWT, "Basic dXNlcjpwYXNz", "Token " + JWT, "", "bear " + JWT, "Bearerx " + JWT})
    void readsAsSpringSecuritysConverter(String header) {
        assertThat(outcome(new BearerTokenHeader(), header))
                .isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), header));
    }

    @Test
    void givesTheTokenRefusesAMalformedOneAndLeavesOtherSchemesAlone() {
        assertThat(outcome(new BearerTokenHeader(), "Bearer " + JWT + "=")).isEqualTo("token " + JWT + "=");
        assertThat(outcome(new BearerTokenHeader(), "Bearer a b"))
                .isEqualTo("error invalid_token Bearer token is malformed");
        assertThat(outcome(new BearerTokenHeader(), "Basic dXNlcjpwYXNz")).isEqualTo("none");
    }

    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/vehicles").header(HttpHeaders.AUTHORIZATION, header));
        Mono<Authentication> converted = converter.convert(exchange);
        try {
            Authentication authentication = converted.block();
            return authentication == null ? "none"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
