package com.luxedrive.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the {@code json} profile's ECS structured logging (what log shippers read) each request is one JSON access-log
 * line with its fields. The test classpath's plain logback-test.xml would win over the profile's setting, so the
 * test names a configuration with the same ECS encoder.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=json", "logging.config=classpath:logback-json-test.xml"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest {

    private static final WireMockServer VEHICLES = new WireMockServer(options().dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        VEHICLES.start();
        VEHICLES.stubFor(any(anyUrl()).willReturn(okJson("[]")));
        registry.add("luxe.security.jwt.jwks-uri", TestTokens::jwksUri);
        registry.add("spring.cloud.discovery.client.simple.instances.vehicle[0].uri", VEHICLES::baseUrl);
    }

    @AfterAll
    static void stop() {
        VEHICLES.stop();
    }

    @Test
    void eachRequestIsOneJsonLineWithItsMethodPathStatusDurationRequestAndTraceIds(CapturedOutput output) {
        String requestId = "access-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        web.get().uri("/api/vehicles?page=0").header("Authorization", "Bearer " + TestTokens.client(UUID.randomUUID()))
                .header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).until(() -> !accessLines(output, requestId).isEmpty());
        assertThat(accessLines(output, requestId)).singleElement().satisfies(line -> {
            assertThat(line.path("method").asString()).isEqualTo("GET");
            assertThat(line.path("path").asString()).as("no query string: it may carry what is not ours to log")
                    .isEqualTo("/api/vehicles");
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("duration_ms").isNumber()).isTrue();
            assertThat(line.path("client").asString()).isEqualTo("127.0.0.1");
            assertThat(line.path("trace_id").asString()).as("the trace the services' lines carry").isEqualTo(traceId);
            assertThat(line.path("message").asString()).startsWith("GET /api/vehicles 200 ");
        });
    }

    /** The output's JSON lines that are access-log lines of this request. */
    private static List<JsonNode> accessLines(CapturedOutput output, String requestId) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(requestId))
                .map(JSON::readTree)
                .filter(line -> requestId.equals(line.path("request_id").asString()))
                .toList();
    }
}
