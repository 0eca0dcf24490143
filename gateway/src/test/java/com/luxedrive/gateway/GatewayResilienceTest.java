package com.luxedrive.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that is down, flaky or slow: clients get a quick 503/504 problem, idempotent reads are retried, and
 * writes are never sent twice.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=700ms")
@AutoConfigureWebTestClient(timeout = "10s")
class GatewayResilienceTest {

    private static final WireMockServer NOTIFICATIONS = new WireMockServer(options().dynamicPort());
    private static final WireMockServer AUTH = new WireMockServer(options().dynamicPort());
    private static final WireMockServer REALTIME = new WireMockServer(options().dynamicPort());
    private static final int NOBODY_LISTENS = closedPort();
    private static final String TOKEN = "Bearer " + TestTokens.admin(UUID.randomUUID());

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        NOTIFICATIONS.start();
        AUTH.start();
        REALTIME.start();
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[0].uri", REALTIME::baseUrl);
        // two auth instances, the first one dead
        registry.add("spring.cloud.discovery.client.simple.instances.auth[0].uri",
                () -> "http://127.0.0.1:" + NOBODY_LISTENS);
        registry.add("spring.cloud.discovery.client.simple.instances.auth[1].uri", AUTH::baseUrl);
        registry.add("luxe.security.jwt.jwks-uri", TestTokens::jwksUri);
        registry.add("spring.cloud.discovery.client.simple.instances.notification[0].uri", NOTIFICATIONS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.vehicle[0].uri",
                () -> "http://127.0.0.1:" + NOBODY_LISTENS);
    }

    @BeforeEach
    void reset() {
        NOTIFICATIONS.resetAll();
        AUTH.resetAll();
        REALTIME.resetAll();
    }

    @AfterAll
    static void stop() {
        NOTIFICATIONS.stop();
        AUTH.stop();
        REALTIME.stop();
    }

    /**
     * A management port set apart from the public one (here a random one; GatewayRoutingTest reads the actuator
     * there).
     */
    @Test
    void theActuatorIsNotServedOnThePublicPort() {
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        web.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }

    /** Accounts and sessions take small JSON: the auth route's limit is below the default (1 MB). */
    @Test
    void theAuthRouteTakesSmallBodiesOnly() {
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"" + "a".repeat(100 * 1024) + "\"}")
                .exchange().expectStatus().isEqualTo(413);
        assertThat(AUTH.getAllServeEvents()).isEmpty();
    }

    /**
     * Spring Cloud Gateway makes a websocket handshake of any request carrying {@code Upgrade: websocket}; on a REST
     * route the handshake failed inside the route's circuit breaker, counted as the service failing: six anonymous
     * requests opened the auth breaker, and every call to auth-service answered 503.
     */
    @Test
    void aWebsocketUpgradeOutsideSocketIoIsRefusedAndCannotOpenAServicesBreaker() {
        AUTH.stubFor(get(urlPathEqualTo("/api/auth/.well-known/jwks.json")).willReturn(okJson("{\"keys\":[]}")));
        for (int call = 0; call < 8; call++) {
            web.get().uri("/api/auth/.well-known/jwks.json").header("Upgrade", "websocket")
                    .header("Connection", "Upgrade").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith("application/problem+json");
        }
        // the breaker stayed closed: the request without the header reaches auth-service
        web.get().uri("/api/auth/.well-known/jwks.json").exchange().expectStatus().isOk();
    }

    /**
     * A body refused mid-stream (it grew past the route's limit) fails the proxied call inside the route's circuit
     * breaker: counted as the service failing, a few such requests from anyone would open it for everyone.
     */
    @Test
    void bodiesRefusedForTheirSizeCannotOpenAServicesBreaker() {
        NOTIFICATIONS.stubFor(get(urlPathEqualTo("/api/notifications/unread-count")).willReturn(okJson("{\"count\":0}")));
        DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        for (int call = 0; call < 8; call++) {
            // 6 MB in 64 KB chunks, sent chunked: past the notification route's limit (5 MB) once under way
            Flux<DataBuffer> body = Flux.range(0, 96)
                    .map(chunk -> buffers.wrap("x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8)));
            web.post().uri("/api/notifications").header("Authorization", TOKEN)
                    .contentType(MediaType.APPLICATION_JSON).body(BodyInserters.fromDataBuffers(body))
                    .exchange().expectStatus().isEqualTo(413);
        }
        web.get().uri("/api/notifications/unread-count").header("Authorization", TOKEN).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aServiceThatIsDownAnswers503ProblemQuicklyAndThenWithoutTryingWhileTheBreakerIsOpen() {
        for (int call = 0; call < 8; call++) {
            long started = System.nanoTime();
            web.get().uri("/api/vehicles").header("Authorization", TOKEN).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/service-unavailable")
                    .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("vehicle"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        web.post().uri("/api/vehicles").header("Authorization", TOKEN).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void anInstanceThatRefusesConnectionsIsLeftAsideAndTheOthersServe() {
        AUTH.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));

        int refused = 0;
        for (int call = 0; call < 8; call++) {
            int status = web.post().uri("/api/auth/admin/users").header("Authorization", TOKEN).bodyValue("{}")
                    .exchange().returnResult(Void.class).getStatus().value();
            assertThat(status).isIn(201, 503);
            refused += status == 503 ? 1 : 0;
        }
        // a write is not retried, so the one that met the dead instance first got a 503; none after it
        assertThat(refused).isLessThanOrEqualTo(1);
        AUTH.verify(8 - refused, postRequestedFor(urlPathEqualTo("/api/auth/admin/users")));
    }

    @Test
    void aReadThatMetATransientFailureIsRetried() {
        NOTIFICATIONS.stubFor(get(urlPathEqualTo("/api/notifications")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503)));
        NOTIFICATIONS.stubFor(get(urlPathEqualTo("/api/notifications")).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"content\":[]}")));

        web.get().uri("/api/notifications").header("Authorization", TOKEN).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.content").isArray();
        NOTIFICATIONS.verify(2, getRequestedFor(urlPathEqualTo("/api/notifications")));
    }

    @Test
    void aWriteIsNeverRetried() {
        NOTIFICATIONS.stubFor(post(urlPathEqualTo("/api/notifications")).willReturn(aResponse().withStatus(503)));

        web.post().uri("/api/notifications").header("Authorization", TOKEN).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503);
        NOTIFICATIONS.verify(1, postRequestedFor(urlPathEqualTo("/api/notifications")));
    }

    @Test
    void aReadThatFailedInsideTheServiceIsNotRetried() {
        NOTIFICATIONS.stubFor(get(urlPathEqualTo("/api/notifications")).willReturn(aResponse().withStatus(500)));

        web.get().uri("/api/notifications").header("Authorization", TOKEN).exchange()
                .expectStatus().isEqualTo(500);
        NOTIFICATIONS.verify(1, getRequestedFor(urlPathEqualTo("/api/notifications")));
    }

    @Test
    void aServiceTooSlowToAnswerGetsA504ProblemWithinTheRouteTimeout() {
        NOTIFICATIONS.stubFor(get(anyUrl()).willReturn(okJson("{}").withFixedDelay(5_000)));

        long started = System.nanoTime();
        web.get().uri("/api/notifications/unread-count").header("Authorization", TOKEN).exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/service-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aSocketIoPollWhoseInstanceDropsTheConnectionGetsA502ProblemNotA500() {
        // a realtime instance that dies under a long-poll: the route has no circuit breaker of its own
        for (Fault fault : new Fault[] {Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET_BY_PEER}) {
            REALTIME.resetAll();
            REALTIME.stubFor(get(urlPathEqualTo("/socket.io/")).willReturn(aResponse().withFault(fault)));

            web.get().uri("/socket.io/?EIO=4&transport=polling&t=" + fault).exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/bad-gateway")
                    .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("realtime"));
            // a poll may have been answered before the connection broke: not sent again
            REALTIME.verify(1, getRequestedFor(urlPathEqualTo("/socket.io/")));
        }
    }

    @Test
    void theFallbackIsNotAnEndpointOfItsOwn() {
        web.get().uri("/fallback/vehicle").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A document download may take as long as a slow client needs (12 MB at 7 KB/s), under a breaker of its own; every
     * other call is bounded at 90 s, body included.
     */
    @Test
    void aDocumentDownloadHasTheTimeOfASlowClientAndEveryOtherCallNinetySeconds() {
        var limits = breakers.getTimeLimiterRegistry();
        assertThat(limits.getConfiguration("vehicle-content")).get()
                .extracting(config -> config.getTimeoutDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(limits.getConfiguration("vehicle")).isEmpty();
        assertThat(limits.getDefaultConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(90));
    }
}
