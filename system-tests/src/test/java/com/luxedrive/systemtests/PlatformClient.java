package com.luxedrive.systemtests;

import com.luxedrive.local.LocalPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a frontend does over HTTP, through the gateway. */
final class PlatformClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A client's account: its user id and access token. */
    record Account(String id, String token) {
    }

    /** Registers a new client (a fresh email) and checks it was created. */
    Account registerClient(String firstName) {
        Response registered = post("/api/auth/register", null, """
                {"email":"%s","password":"a long enough password","firstName":"%s","lastName":"Tester"}"""
                .formatted(firstName.toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID()
                        + "@example.test", firstName));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return new Account(registered.json().path("user").path("id").asString(),
                registered.json().path("token").asString());
    }

    /** The admin's access token, checking the login succeeded. */
    String adminToken(LocalPlatform.AdminCredentials admin) {
        Response login = post("/api/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(admin.email(), admin.password()));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("token").asString();
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A POST with extra headers, e.g. {@code Idempotency-Key}. */
    Response post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    /** Any method, any body and content type: for hostile requests. */
    Response send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response patch(String path, String token) {
        return send(request(path, token).method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, String contentType) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
