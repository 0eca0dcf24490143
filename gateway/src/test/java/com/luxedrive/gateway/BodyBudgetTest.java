package com.luxedrive.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request bodies in flight are bounded per caller and in all (BodyBudget): the vehicles route holds a body whole
 * before proxying it, so without the bounds a client's burst of 12 MB uploads filled the replica's memory.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"luxe.gateway.body-buffer=5MB", "luxe.gateway.body-buffer-per-caller=4MB"})
@AutoConfigureWebTestClient(timeout = "20s")
class BodyBudgetTest {

    private static final WireMockServer VEHICLES = new WireMockServer(options().dynamicPort());
    private static final int TWO_MIB = 2 * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        VEHICLES.start();
        VEHICLES.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        registry.add("luxe.security.jwt.jwks-uri", TestTokens::jwksUri);
        registry.add("spring.cloud.discovery.client.simple.instances.vehicle[0].uri", VEHICLES::baseUrl);
    }

    @AfterAll
    static void stop() {
        VEHICLES.stop();
    }

    @Test
    void uploadsInFlightAreBoundedPerCallerAndInAll() throws Exception {
        String alice = TestTokens.client(UUID.randomUUID());
        String bob = TestTokens.client(UUID.randomUUID());
        try (Socket first = uploadStartedBy(alice); Socket second = uploadStartedBy(alice)) {
            await().atMost(WAIT).until(() -> reserved() == 2.0 * TWO_MIB);

            // 4 MiB are Alice's share: her third upload waits for one of hers to end
            try (Socket third = uploadStartedBy(alice)) {
                assertRefused(third, "HTTP/1.1 429", "too-much-in-flight");
            }
            // 4 of the 5 MiB are held: another caller's 2 MiB do not fit
            try (Socket bobs = uploadStartedBy(bob)) {
                assertRefused(bobs, "HTTP/1.1 503", "gateway-busy");
            }
            // what fits passes
            web.post().uri("/api/vehicles").header("Authorization", "Bearer " + bob)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().isOk();
            assertThat(VEHICLES.findAll(postRequestedFor(urlPathMatching("/api/vehicles/.*/documents")))).isEmpty();
        }
        // the stalled uploads' connections closed: what they held is free again
        await().atMost(WAIT).until(() -> reserved() == 0.0);
        web.post().uri("/api/vehicles/{id}/documents", UUID.randomUUID()).header("Authorization", "Bearer " + bob)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[TWO_MIB])
                .exchange().expectStatus().isOk();
        // and Alice's share is hers again
        web.post().uri("/api/vehicles/{id}/documents", UUID.randomUUID()).header("Authorization", "Bearer " + alice)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[TWO_MIB])
                .exchange().expectStatus().isOk();
        assertThat(VEHICLES.findAll(postRequestedFor(urlPathMatching("/api/vehicles/.*/documents"))))
                .hasSize(2).allSatisfy(upload -> assertThat(upload.getBody()).hasSize(TWO_MIB));
        await().atMost(WAIT).until(() -> reserved() == 0.0);
    }

    /** A body sent in chunks holds its route's limit (the auth route's 64 KB), its length being unknown. */
    @Test
    void aChunkedBodyReservesItsRoutesLimit() throws Exception {
        try (Socket chunked = new Socket("127.0.0.1", port)) {
            OutputStream out = chunked.getOutputStream();
            out.write(("POST /api/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(WAIT).until(() -> reserved() == 64.0 * 1024);
        }
        await().atMost(WAIT).until(() -> reserved() == 0.0);
    }

    /** More than a caller's share could never pass: not a 429 to retry for ever, a 413. */
    @Test
    void aBodyLargerThanACallersShareIsTooLarge() {
        web.post().uri("/api/vehicles/{id}/documents", UUID.randomUUID())
                .header("Authorization", "Bearer " + TestTokens.client(UUID.randomUUID()))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[5 * 1024 * 1024])
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/payload-too-large");
    }

    private double reserved() {
        return meters.get("luxe.gateway.body.buffer.reserved").gauge().value();
    }

    /** An upload of 2 MiB whose first kilobyte is sent, the rest held back while the socket is open. */
    private Socket uploadStartedBy(String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/vehicles/" + UUID.randomUUID() + "/documents HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + TWO_MIB + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1024]);
        out.flush();
        return socket;
    }

    /** The answer on {@code socket}: its status line, a {@code Retry-After}, and a problem of type {@code slug}. */
    private static void assertRefused(Socket socket, String statusLine, String slug) throws IOException {
        BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(answer.readLine()).startsWith(statusLine);
        Map<String, String> headers = new HashMap<>();
        for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        assertThat(headers).containsEntry("retry-after", "1");
        assertThat(headers.get("content-type")).startsWith("application/problem+json");
        char[] body = new char[Integer.parseInt(headers.get("content-length"))];
        int read = 0;
        while (read < body.length) {
            read += answer.read(body, read, body.length - read);
        }
        assertThat(new String(body)).contains("\"type\":\"https://luxedrive.example/problems/" + slug + "\"");
    }
}
