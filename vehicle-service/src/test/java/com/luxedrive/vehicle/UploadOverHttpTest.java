package com.luxedrive.vehicle;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads through the real servlet container (MockMvc skips its multipart parsing): the container's limit answers
 * 413 problem+json too, a JSON body where multipart is expected is a 415, a multipart body it cannot parse a 400,
 * and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UploadOverHttpTest {

    private static final String BOUNDARY = "luxe-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFileBeyondTheContainersLimitIsA413ProblemAndNothingIsStored() throws Exception {
        UUID vehicle = vehicle();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(DocumentTest.PDF, 0, big, 0, DocumentTest.PDF.length);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(vehicle))
                        .header("Authorization", "Bearer " + TestTokens.admin(UUID.randomUUID()))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(big)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Fixtures.JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://luxedrive.example/problems/payload-too-large");
        assertThat(jdbc.sql("SELECT count(*) FROM documents WHERE vehicle_id = ?").param(vehicle)
                .query(Long.class).single()).isZero();
    }

    @Test
    void jsonWhereAFileIsExpectedIsUnsupported() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(vehicle()))
                        .header("Authorization", "Bearer " + TestTokens.admin(UUID.randomUUID()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"JVBERi0=\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Fixtures.JSON.readTree(response.body()).path("type").asString())
                .isEqualTo("https://luxedrive.example/problems/unsupported-media-type");
    }

    @Test
    void aMultipartBodyCutShortOrWithoutItsBoundaryIsA400AndNothingIsStored() throws Exception {
        UUID vehicle = vehicle();
        byte[] whole = multipart(DocumentTest.PDF);
        byte[] cutShort = Arrays.copyOf(whole, whole.length - BOUNDARY.length() - 8);

        for (var body : Map.of("multipart/form-data; boundary=" + BOUNDARY, cutShort,
                "multipart/form-data", whole).entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(vehicle))
                            .header("Authorization", "Bearer " + TestTokens.admin(UUID.randomUUID()))
                            .header("Content-Type", body.getKey())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(Fixtures.JSON.readTree(response.body()).path("type").asString())
                    .isEqualTo("https://luxedrive.example/problems/malformed-request");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM documents WHERE vehicle_id = ?").param(vehicle)
                .query(Long.class).single()).isZero();
    }

    private URI uri(UUID vehicle) {
        return URI.create("http://127.0.0.1:" + port + "/api/vehicles/" + vehicle + "/documents");
    }

    private UUID vehicle() {
        return Fixtures.vehicleRow(jdbc, UUID.randomUUID());
    }

    private static byte[] multipart(byte[] file) {
        return Fixtures.multipartPdf(BOUNDARY, file);
    }
}
