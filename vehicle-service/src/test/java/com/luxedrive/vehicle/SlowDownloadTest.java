package com.luxedrive.vehicle;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads as slow as their clients (here: clients that never read) must not hold the service's database
 * connections: with more of them than the pool has connections, every other request still gets one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.maximum-pool-size=2")
@RealInfrastructure
class SlowDownloadTest {

    private static final String BOUNDARY = "luxe-" + UUID.randomUUID();
    private static final int STALLED = 4;

    /**
     * The server's send buffers fixed at 64 KiB: the 9 MiB download must outgrow what the kernels hold on both ends
     * whatever the host lets a buffer grow to (net.ipv4.tcp_wmem), or the writes end and the test proves nothing.
     */
    @TestConfiguration
    static class SmallSendBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffers() {
            return connector -> connector.setProperty("socket.txBufSize", "65536");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void downloadsThatAreNotReadLeaveTheConnectionsToOtherRequests() throws Exception {
        UUID owner = UUID.randomUUID();
        String token = TestTokens.client(owner);
        UUID vehicle = vehicleOf(owner);
        String document = upload(vehicle, token);

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket socket = new Socket();
                // a receive window of a few kilobytes: the server's writes block long before the document is sent
                socket.setReceiveBufferSize(1024);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                socket.getOutputStream().write(("GET /api/documents/" + document + "/content HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            InputStream first = stalled.get(0).getInputStream();
            assertThat(new String(first.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> other = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/vehicles/" + vehicle))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private String upload(UUID vehicle, String token) throws Exception {
        // a PDF of 9 MiB: more than the sockets' buffers on both sides can hold
        byte[] file = new byte[9 * 1024 * 1024];
        System.arraycopy(DocumentTest.PDF, 0, file, 0, DocumentTest.PDF.length);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/vehicles/" + vehicle + "/documents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.multipartPdf(BOUNDARY, file))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Fixtures.JSON.readTree(response.body()).path("id").asString();
    }

    private UUID vehicleOf(UUID owner) {
        jdbc.sql("INSERT INTO owner_users (user_id, user_type, active, updated_at) VALUES (?, 'client', true, ?)")
                .params(owner, Timestamp.from(Instant.now())).update();
        return Fixtures.vehicleRow(jdbc, owner);
    }
}
