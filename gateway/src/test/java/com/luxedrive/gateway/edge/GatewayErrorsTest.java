package com.luxedrive.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.channel.AbortedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The failures the routing tests cannot provoke on demand; a dropped connection and unknown paths are in them. */
class GatewayErrorsTest {

    private final GatewayErrors errors = new GatewayErrors();

    @Test
    void aRefusedConnectionAfterTheRetriesIsA503ProblemNamingTheServiceWithRetryAfter() {
        MockServerWebExchange exchange = routedTo("lb://realtime");

        errors.handle(exchange, new IllegalStateException("wrapped", new ConnectException("refused"))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"" + Problems.BASE + "service-unavailable\"")
                .contains("The realtime service is unavailable");
    }

    @Test
    void aTimeoutIsA504AndAnythingElseA500ProblemThatSaysNothingOfTheCause() {
        // as the routing filter reports a route's response timeout, as a time limiter does, and Netty's read timeout
        for (Throwable timeout : new Throwable[] {
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout",
                        new org.springframework.cloud.gateway.support.TimeoutException("took longer")),
                new TimeoutException("Did not observe any item"),
                new IllegalStateException("wrapped", io.netty.handler.timeout.ReadTimeoutException.INSTANCE)}) {
            MockServerWebExchange slow = routedTo("lb://vehicle");
            errors.handle(slow, timeout).block();
            assertThat(slow.getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
            assertThat(slow.getResponse().getBodyAsString().block()).contains(Problems.BASE + "service-timeout")
                    .contains("The vehicle service did not answer in time");
        }

        MockServerWebExchange broken = routedTo("lb://vehicle");
        errors.handle(broken, new IllegalStateException("secret internals")).block();
        assertThat(broken.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(broken.getResponse().getBodyAsString().block())
                .contains("\"status\":500").doesNotContain("secret internals").doesNotContain("IllegalState");
    }

    @Test
    void whatAFailedServiceAnswerLeftIsNotPassedOnWithTheProblem() {
        MockServerWebExchange exchange = routedTo("lb://vehicle");
        exchange.getResponse().getHeaders().set("Set-Cookie", "session=abc");
        exchange.getResponse().getHeaders().set("Content-Disposition", "attachment; filename=\"card.pdf\"");
        exchange.getResponse().getHeaders().set("Content-Length", "52000");
        exchange.getResponse().getHeaders().set("Vary", "Origin");

        errors.handle(exchange, new IOException("Connection prematurely closed BEFORE response")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(exchange.getResponse().getHeaders().headerNames())
                .doesNotContain("Set-Cookie", "Content-Disposition").contains("Vary");
        assertThat(exchange.getResponse().getHeaders().getContentLength()).isNotEqualTo(52000);
    }

    @Test
    void aCallerThatWentAwayIsNotAnswered() {
        MockServerWebExchange exchange = routedTo("lb://vehicle");
        AbortedException gone = new AbortedException("Connection has been closed BEFORE send operation");

        assertThatThrownBy(() -> errors.handle(exchange, gone).block()).isSameAs(gone);
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void aResponseAlreadyStartedIsLeftToBeCut() {
        MockServerWebExchange exchange = routedTo("lb://notification");
        exchange.getResponse().setComplete().block();
        IllegalStateException failure = new IllegalStateException("mid-body");

        assertThatThrownBy(() -> errors.handle(exchange, failure).block()).isSameAs(failure);
    }

    private static MockServerWebExchange routedTo(String uri) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/anything"));
        Route route = Route.async().id("test").uri(URI.create(uri)).predicate(any -> true).build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
