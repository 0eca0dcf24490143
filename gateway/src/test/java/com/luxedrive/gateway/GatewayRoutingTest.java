package com.luxedrive.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** WireMock stands in for the services (HTTP peers); the gateway under test is the real one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingTest {

    private static final Map<String, WireMockServer> SERVICES = Map.of(
            "auth", started(), "vehicle", started(), "notification", started(), "realtime", started());

    @Autowired
    WebTestClient web;

    private static final String TOKEN = "Bearer " + TestTokens.client(UUID.randomUUID());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("luxe.security.jwt.jwks-uri", TestTokens::jwksUri);
        SERVICES.forEach((name, server) -> {
            registry.add("spring.cloud.discovery.client.simple.instances." + name + "[0].uri", server::baseUrl);
            registry.add("luxe.gateway.health.services." + name, () -> server.baseUrl() + "/actuator/health/readiness");
        });
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
        assertRoutedTo("/socket.io/?EIO=4&transport=polling", "realtime");
    }

    @Test
    void servicesInternalsAreNotRoutable() {
        web.get().uri("/actuator/env").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
        web.get().uri("/internal/anything").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
        web.get().uri("/api/unknown").header("Authorization", TOKEN).exchange().expectStatus().isNotFound();
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
        web.get().uri("/socket.io/?EIO=4&transport=polling").exchange().expectStatus().isOk();
    }

    @Test
    void healthIsOkWhenEveryServiceIsReady() {
        web.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ok")
                .jsonPath("$.timestamp").isNotEmpty()
                .jsonPath("$.services.notification").isEqualTo("up");
    }

    @Test
    void healthIsDegradedAndNamesTheServiceThatIsDown() {
        SERVICES.get("vehicle").stubFor(get(urlPathEqualTo("/actuator/health/readiness"))
                .willReturn(aResponse().withStatus(503)));

        web.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("degraded")
                .jsonPath("$.services.vehicle").isEqualTo("down")
                .jsonPath("$.services.auth").isEqualTo("up");
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
