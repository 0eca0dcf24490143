package com.luxedrive.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.gateway.edge.Problems;
import com.luxedrive.infra.FreePorts;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WireMock stands in for the services (HTTP peers); the gateway under test is the real one, on real Redis. */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"luxe.gateway.max-body-size=64KB", "luxe.gateway.request-read-timeout=3s",
                "luxe.gateway.request-timeout=6s", "management.tracing.sampling.probability=0",
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s"})
@AutoConfigureWebTestClient
class GatewayRoutingTest {

    private static final Map<String, WireMockServer> SERVICES = Map.of(
            "auth", started(), "vehicle", started(), "notification", started(), "realtime", started(),
            "realtime-b", started());

    @Autowired
    WebTestClient web;

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    CountingSessions sessions;

    private static final String TOKEN = "Bearer " + TestTokens.client(UUID.randomUUID());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("luxe.security.jwt.jwks-uri", TestTokens::jwksUri);
        // a fixed port, as every deployment gives it (GATEWAY_MANAGEMENT_PORT): Spring Cloud Gateway leaves requests on
        // the management port unrouted by comparing with this setting, which a random port (0) would not match
        int managementPort = FreePorts.pick();
        registry.add("management.server.port", () -> managementPort);
        SERVICES.forEach((name, server) -> {
            if (!name.startsWith("realtime")) {
                registry.add("spring.cloud.discovery.client.simple.instances." + name + "[0].uri", server::baseUrl);
                registry.add("luxe.gateway.health.services." + name,
                        () -> server.baseUrl() + "/actuator/health/readiness");
            }
        });
        // two realtime instances, as when it is scaled out: Socket.IO sessions must stay on theirs
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[0].uri", SERVICES.get("realtime")::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[0].instance-id", () -> "realtime");
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[1].uri",
                SERVICES.get("realtime-b")::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[1].instance-id", () -> "realtime-b");
        registry.add("luxe.gateway.health.services.realtime",
                () -> SERVICES.get("realtime").baseUrl() + "/actuator/health/readiness");
    }

    @BeforeEach
    void everyServiceAnswers() {
        SERVICES.forEach((name, server) -> {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(okJson("{\"service\":\"" + name + "\"}")));
        });
    }

    @AfterAll
    static void stop() {
        SERVICES.values().forEach(WireMockServer::stop);
    }

    @Test
    void eachPublicPathReachesItsService() {
        assertRoutedTo("/api/auth/login", "auth");
        assertRoutedTo("/api/vehicles", "vehicle");
        assertRoutedTo("/api/vehicles/123/documents", "vehicle");
        assertRoutedTo("/api/documents/1/content", "vehicle");
        assertRoutedTo("/api/vehicle-updates/1/response", "vehicle");
        assertRoutedTo("/api/notifications/my-notifications", "notification");
        assertThat(web.get().uri("/socket.io/?EIO=4&transport=polling").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).startsWith("{\"service\":\"realtime");
    }

    /** Exposed directly, the service gets the connection's address, whatever forwarding headers the client sent. */
    @Test
    void aClientsForwardingHeadersAreNotPassedOn() {
        web.get().uri("/api/vehicles").header("Authorization", TOKEN).header("X-Forwarded-For", "203.0.113.9")
                .header("Forwarded", "for=203.0.113.9;proto=https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/api/notifications").header("X-Real-IP", "203.0.113.9")
                .exchange().expectStatus().isOk();
        var proxied = SERVICES.get("vehicle").getAllServeEvents().get(0).getRequest();
        assertThat(proxied.getHeader("X-Forwarded-For")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(proxied.getHeaders().keys()).map(String::toLowerCase)
                .doesNotContain("forwarded", "x-forwarded-host", "x-forwarded-prefix", "x-real-ip");
    }

    /**
     * A header a client names in its {@code Connection} header is hop-by-hop, and removed — but not the ones the
     * gateway sets for the service: the client's address and the request id still reach it.
     */
    @Test
    void aClientCannotHaveTheGatewaysHeadersRemovedByNamingThemInConnection() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.getOutputStream().write(("GET /api/vehicles HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: "
                    + TOKEN + "\r\nX-Request-Id: client-43\r\n"
                    + "Connection: keep-alive, X-Forwarded-For, X-Request-Id, X-Client-Only\r\n"
                    + "X-Client-Only: hop\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> !SERVICES.get("vehicle").getAllServeEvents().isEmpty());
        }
        var proxied = SERVICES.get("vehicle").getAllServeEvents().get(0).getRequest();
        assertThat(proxied.getHeader("X-Forwarded-For")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(proxied.getHeader("X-Request-Id")).isEqualTo("client-43");
        assertThat(proxied.containsHeader("X-Client-Only")).as("the client's own hop-by-hop header").isFalse();
    }

    /** An Origin that is no origin is refused like a foreign one (403), never a 500, and reaches no service. */
    @Test
    void aMalformedOriginIsRefusedLikeAForeignOne() {
        for (String origin : List.of("http://a b", "%%%", "no-scheme")) {
            web.get().uri("/api/vehicles").header("Authorization", TOKEN).header("Origin", origin)
                    .exchange().expectStatus().isForbidden();
        }
        SERVICES.get("vehicle").verify(0, anyRequestedFor(anyUrl()));
    }

    /**
     * The gateway names each new Socket.IO session (the {@code io} header the instance takes its id from) with an id
     * that points at the instance it chose; every poll naming that id reaches that instance — through any gateway
     * replica, with no cookie (a browser on another origin sends none by default). A client's own {@code io} header
     * is never passed on.
     */
    @Test
    void aSocketIoSessionStaysOnTheRealtimeInstanceThatMadeItsHandshakeWithoutCookies() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int client = 0; client < 6; client++) {
            String claimed = UUID.randomUUID().toString();
            var handshake = web.get().uri("/socket.io/?EIO=4&transport=polling").header("io", claimed).exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("Set-Cookie")
                    .returnResult(String.class);
            String instance = handshake.getResponseBody().blockFirst().replaceAll(".*\"service\":\"([^\"]+)\".*", "$1");
            String sessionId = SERVICES.get(instance).getAllServeEvents().stream()
                    .filter(event -> event.getRequest().getUrl().equals("/socket.io/?EIO=4&transport=polling"))
                    .findFirst().orElseThrow().getRequest().getHeader("io");
            assertThat(sessionId).as("the session id the gateway gave").isNotEqualTo(claimed)
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            SERVICES.values().forEach(WireMockServer::resetRequests);

            for (int poll = 0; poll < 5; poll++) {
                web.get().uri("/socket.io/?EIO=4&transport=polling&sid=" + sessionId).header("io", claimed)
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.service").isEqualTo(instance);
            }
            assertThat(SERVICES.get(instance).getAllServeEvents())
                    .allSatisfy(event -> assertThat(event.getRequest().containsHeader("io")).isFalse());
            counts.merge(instance, 1, Integer::sum);
        }
        assertThat(counts).as("both instances take sessions").containsOnlyKeys("realtime", "realtime-b");
    }

    @Test
    void everyRequestCarriesARequestIdToTheServiceAndBack() {
        String generated = web.get().uri("/api/vehicles").header("Authorization", TOKEN).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        SERVICES.get("vehicle").verify(getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("X-Request-Id", equalTo(generated)));

        web.get().uri("/api/vehicles").header("Authorization", TOKEN).header("X-Request-Id", "client-42")
                .exchange().expectHeader().valueEquals("X-Request-Id", "client-42");
        SERVICES.get("vehicle").verify(getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("X-Request-Id", equalTo("client-42")));

        String replaced = web.get().uri("/api/vehicles").header("Authorization", TOKEN)
                .header("X-Request-Id", "<script>" + "x".repeat(300)).exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(replaced).matches("[0-9a-f-]{36}");
    }

    /**
     * The trace goes on past the gateway: a caller's W3C {@code traceparent} reaches the service with the same trace
     * id, and a request that comes without one gets one, so the service's logs and spans join the gateway's trace.
     */
    @Test
    void theTraceContextReachesTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        web.get().uri("/api/vehicles").header("Authorization", TOKEN)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();
        SERVICES.get("vehicle").verify(getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[01]")));

        SERVICES.get("vehicle").resetRequests();
        web.get().uri("/api/vehicles").header("Authorization", TOKEN).exchange().expectStatus().isOk();
        SERVICES.get("vehicle").verify(getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")));
    }

    /**
     * The caller's trace is continued, not its sampling decision: with nothing sampled (probability 0 here) a
     * caller's {@code -01} reaches the service as {@code -00}, and B3 headers (whose debug flag forces sampling) and
     * baggage do not reach it at all. A malformed {@code traceparent} is replaced by the gateway's own.
     */
    @Test
    void aCallerCannotHaveItsRequestsSampled() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        web.get().uri("/api/vehicles").header("Authorization", TOKEN)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d")
                .header("X-B3-Flags", "1").header("X-B3-Sampled", "1")
                .header("baggage", "userId=someone-else")
                .exchange().expectStatus().isOk();
        SERVICES.get("vehicle").verify(getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-00"))
                .withoutHeader("b3").withoutHeader("X-B3-Flags").withoutHeader("X-B3-Sampled")
                .withoutHeader("baggage"));

        SERVICES.get("vehicle").resetRequests();
        web.get().uri("/api/vehicles").header("Authorization", TOKEN)
                .header("traceparent", "00-" + traceId.toUpperCase() + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();
        SERVICES.get("vehicle").verify(getRequestedFor(urlPathEqualTo("/api/vehicles"))
                .withHeader("traceparent", matching("00-(?!" + traceId + ")[0-9a-f]{32}-[0-9a-f]{16}-00")));
    }

    @Test
    void answersCarrySecurityHeadersAndNoServerBanner() {
        web.get().uri("/api/vehicles").header("Authorization", TOKEN).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .expectHeader().doesNotExist("Server")
                .expectHeader().doesNotExist("X-Powered-By");
    }

    @Test
    void corsAdmitsTheFrontendsAndRefusesOtherOrigins() {
        web.options().uri("/api/vehicles")
                .header("Origin", "http://localhost:5174")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .exchange()
                .expectStatus().isOk()
                // a header left out of this list is refused by the browser, though the preflight itself is a 200
                .expectHeader().value("Access-Control-Allow-Headers",
                        (String allowed) -> assertThat(allowed).containsIgnoringCase("if-match"))
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:5174")
                .expectHeader().valueEquals("Access-Control-Allow-Credentials", "true");
        web.options().uri("/api/vehicles")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/vehicles").header("Authorization", TOKEN).header("Origin", "http://localhost:5173")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:5173")
                .expectHeader().valueEquals("Access-Control-Expose-Headers",
                        "X-Request-Id, Retry-After, Location, Content-Disposition, ETag, X-RateLimit-Limit, "
                                + "X-RateLimit-Remaining");
        SERVICES.get("vehicle").verify(1, getRequestedFor(urlPathEqualTo("/api/vehicles")));
    }

    @Test
    void aWebsocketUpgradeFromAForeignPageIsRefused() {
        web.get().uri("/socket.io/?EIO=4&transport=websocket")
                .header("Origin", "https://evil.example")
                .header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .exchange()
                .expectStatus().isForbidden();
        assertThat(SERVICES.get("realtime").getAllServeEvents()).isEmpty();
        assertThat(SERVICES.get("realtime-b").getAllServeEvents()).isEmpty();
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsRefusedAndTheServiceTakesNothingFromIt() {
        DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        // 80 KiB in 8 KiB chunks, no Content-Length: sent chunked
        Flux<DataBuffer> body = Flux.range(0, 10)
                .map(chunk -> buffers.wrap(("x".repeat(8 * 1024)).getBytes(StandardCharsets.UTF_8)));
        web.post().uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(body))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/payload-too-large");
        assertThat(SERVICES.get("auth").getAllServeEvents()).isEmpty();

        // a chunked body within the limit goes through whole
        Flux<DataBuffer> small = Flux.range(0, 3)
                .map(chunk -> buffers.wrap(("y".repeat(1024)).getBytes(StandardCharsets.UTF_8)));
        web.post().uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(small))
                .exchange()
                .expectStatus().isOk();
        assertThat(SERVICES.get("auth").getAllServeEvents()).singleElement()
                .satisfies(event -> assertThat(event.getRequest().getBody()).hasSize(3 * 1024));
    }

    @Test
    void aBodyAnnouncedLargerThanTheLimitIsRefusedBeforeItIsProxied() {
        web.post().uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"" + "x".repeat(70 * 1024) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/payload-too-large");
        assertThat(SERVICES.get("auth").getAllServeEvents()).isEmpty();
    }

    /**
     * Each route has its limit: a document upload may be 12 MB; any other vehicle-service call and a Socket.IO poll no
     * more than the default.
     */
    @Test
    void aRouteWithALimitOfItsOwnTakesLargerBodiesThanTheDefault() {
        byte[] body = new byte[100 * 1024];
        String vehicle = "/api/vehicles/" + UUID.randomUUID();
        web.post().uri(vehicle + "/documents").header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(body)
                .exchange().expectStatus().isOk();
        web.put().uri(vehicle).header("Authorization", TOKEN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"notes\":\"" + "x".repeat(body.length) + "\"}")
                .exchange().expectStatus().isEqualTo(413);
        assertThat(SERVICES.get("vehicle").getAllServeEvents()).singleElement()
                .satisfies(event -> assertThat(event.getRequest().getUrl()).isEqualTo(vehicle + "/documents"));
        web.post().uri("/socket.io/?EIO=4&transport=polling&sid=x").contentType(MediaType.TEXT_PLAIN)
                .bodyValue(new String(body, StandardCharsets.ISO_8859_1))
                .exchange().expectStatus().isEqualTo(413);
        assertThat(SERVICES.get("realtime").getAllServeEvents()).isEmpty();
        assertThat(SERVICES.get("realtime-b").getAllServeEvents()).isEmpty();
    }

    /**
     * A stalled vehicle-service call is cut at the response time-out (2 s here, 15 s by default), as any call; only a
     * document's upload or download waits longer (60 s), since the file itself travels before the answer.
     */
    @Test
    void onlyADocumentTransferWaitsLongerThanTheResponseTimeOut() {
        SERVICES.get("vehicle").stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(3_500)));
        WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(20)).build();
        String vehicle = "/api/vehicles/" + UUID.randomUUID();

        patient.get().uri(vehicle).header("Authorization", TOKEN).exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        patient.post().uri(vehicle + "/documents").header("Authorization", TOKEN)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[1024])
                .exchange().expectStatus().isOk();
        patient.get().uri("/api/documents/" + UUID.randomUUID() + "/content").header("Authorization", TOKEN)
                .exchange().expectStatus().isOk();
    }

    /** A body that stops arriving is cut after the read time-out, not held for ever; the service gets nothing. */
    @Test
    void aRequestBodyThatStopsArrivingIsCut() {
        DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> stalling = Flux.concat(
                Flux.just(buffers.wrap("{\"email\":".getBytes(StandardCharsets.UTF_8))),
                Mono.delay(Duration.ofSeconds(30)).map(tick -> buffers.wrap("1}".getBytes(StandardCharsets.UTF_8))));
        assertCutWithA408(stalling);
    }

    /** A body that keeps trickling in, a chunk within each read time-out, is cut at the request time-out all the same. */
    @Test
    void aRequestBodyThatTricklesPastTheRequestTimeoutIsCut() {
        DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> trickling = Flux.interval(Duration.ofSeconds(1)).take(20)
                .map(tick -> buffers.wrap(" ".getBytes(StandardCharsets.UTF_8)));
        assertCutWithA408(trickling);
    }

    /** Sends {@code body} to a route: it must be cut with a 408 problem well within 15 s, the service given nothing. */
    private void assertCutWithA408(Flux<DataBuffer> body) {
        long started = System.nanoTime();
        web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(body))
                .exchange().expectStatus().isEqualTo(408)
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(SERVICES.get("auth").getAllServeEvents()).isEmpty();
    }

    /** What the firewall refuses is the platform's 400 problem; a HEAD of /health needs no token, as its GET. */
    @Test
    void aPathTheFirewallRefusesIsAProblemAndHealthAnswersHead() {
        for (String path : List.of("/api/vehicles/%2e%2e/internal", "/api/vehicles%2Fx", "/api//vehicles")) {
            // as written: not encoded again on the way
            web.get().uri(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TOKEN)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/malformed-request");
        }
        assertThat(SERVICES.get("vehicle").getAllServeEvents()).isEmpty();
        web.head().uri("/health").exchange().expectStatus().isOk();
    }

    @Test
    void servicesInternalsAreNotRoutable() {
        web.get().uri("/actuator/env").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
        web.get().uri("/internal/anything").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
        // without a token too: nothing there, not "come back with a token"
        web.get().uri("/internal/anything").exchange().expectStatus().isNotFound();
        web.post().uri("/internal/users/sync").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isNotFound();
        web.get().uri("/api/unknown").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
        SERVICES.values().forEach(server -> assertThat(server.getAllServeEvents()).isEmpty());
    }

    @Test
    void whatNoRouteTakesIsAnsweredWithAProblem() {
        web.get().uri("/api/unknown").header("Authorization", TOKEN).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.BASE + "not-found")
                .jsonPath("$.status").isEqualTo(404);
        web.post().uri("/health").header("Authorization", TOKEN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "GET")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.BASE + "method-not-allowed")
                .jsonPath("$.status").isEqualTo(405);
        SERVICES.values().forEach(server -> assertThat(server.getAllServeEvents()).isEmpty());
    }

    @Test
    void badOrMissingTokensAreRefusedAtTheEdgeAndNeverReachAService() {
        web.get().uri("/api/vehicles").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        for (String attack : TestTokens.attacks(UUID.randomUUID(), "admin").values()) {
            web.get().uri("/api/notifications/my-notifications").header("Authorization", "Bearer " + attack)
                    .exchange().expectStatus().isUnauthorized();
        }
        SERVICES.values().forEach(server -> assertThat(server.getAllServeEvents()).isEmpty());
    }

    @Test
    void publicEndpointsPassEvenWithAStaleToken() {
        web.post().uri("/api/auth/refresh").header("Authorization", "Bearer expired.or.garbage")
                .exchange().expectStatus().isOk();
        // auth-service decides: an app whose access token expired ends its session with the refresh token
        web.post().uri("/api/auth/logout").header("Authorization", "Bearer expired.or.garbage")
                .exchange().expectStatus().isOk();
        web.get().uri("/socket.io/?EIO=4&transport=polling").exchange().expectStatus().isOk();
    }

    @Test
    void theActuatorIsOnTheManagementPortOnlyAndNothingIsRoutedThere() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        String metrics = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("luxe_gateway_ratelimit_redis_failures_total");
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // the management port is no second way in
        management.get().uri("/api/vehicles").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
        management.get().uri("/socket.io/?EIO=4&transport=polling").exchange().expectStatus().isNotFound();
        management.get().uri("/actuator/env").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();

        // the public port (the only one compose publishes and the ingress routes to) has no actuator
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness")) {
            web.get().uri(path).exchange().expectStatus().isNotFound();
        }
        SERVICES.values().forEach(server -> assertThat(server.getAllServeEvents()).isEmpty());
    }

    // /health answers from a round of checks up to a second old (cache-for), so these tests wait for the state they
    // set up rather than read the first answer

    @Test
    void healthIsOkWhenEveryServiceIsReady() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> web.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ok")
                .jsonPath("$.timestamp").isNotEmpty()
                .jsonPath("$.services.notification").isEqualTo("up"));
    }

    @Test
    void healthIsDegradedAndNamesTheServiceThatIsDown() {
        SERVICES.get("vehicle").stubFor(get(urlPathEqualTo("/actuator/health/readiness"))
                .willReturn(aResponse().withStatus(503)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> web.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.services.vehicle").isEqualTo("down")
                .jsonPath("$.services.auth").isEqualTo("up"));
    }

    @Test
    void manyHealthCallsAskEachServiceOnlyOncePerSecond() {
        int calls = 30;
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            web.get().uri("/health").exchange().expectBody().jsonPath("$.services.auth").isEqualTo("up");
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        long asked = SERVICES.get("auth").getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/actuator/health/readiness")).count();
        assertThat(asked).as("readiness checks for %d calls in about %d s", calls, seconds)
                .isLessThanOrEqualTo(seconds + 2);
    }

    @Test
    void noRequestOpensAWebSession() {
        long before = sessions.opened.get();
        assertRoutedTo("/api/vehicles", "vehicle");
        web.get().uri("/api/auth/.well-known/jwks.json").exchange().expectStatus().isOk();
        web.get().uri("/api/vehicles").exchange().expectStatus().isUnauthorized();
        assertThat(sessions.opened.get() - before).as("web sessions looked up by stateless requests").isZero();
    }

    @Test
    void rateLimitChecksAreNotTracedOneByOne(@Autowired ClientResources redis) {
        assertThat(redis.tracing().isEnabled()).as("a span and a timer per Redis command, i.e. per request").isFalse();
    }

    /** The web session manager, counting the requests that look their session up (every exchange asks for the
     *  lazy {@code Mono}; only subscribing to it opens the session). */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingSessions {

        final AtomicLong opened = new AtomicLong();

        @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
        WebSessionManager webSessionManager() {
            DefaultWebSessionManager sessions = new DefaultWebSessionManager();
            return exchange -> Mono.defer(() -> {
                opened.incrementAndGet();
                return sessions.getSession(exchange);
            });
        }
    }

    private void assertRoutedTo(String path, String service) {
        web.get().uri(path).header("Authorization", TOKEN).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service);
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}
