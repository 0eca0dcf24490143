package com.luxedrive.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that connects over Engine.IO long-polling (through the gateway, without cookies), logs in, reads
 * what the connection brings once, and then stops reading: no further poll, no pong. What a phone does when its app
 * freezes or its network drops silently.
 */
final class StoppedPoller {

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private StoppedPoller() {
    }

    /** Connects and logs in with {@code token}; returns once the server confirmed the connection. */
    static void connectAndStopReading(String gatewayUrl, String token) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = gatewayUrl + "/socket.io/?EIO=4&transport=polling";
        String opened = send(http, HttpRequest.newBuilder(URI.create(base)).GET());
        Matcher sid = SID.matcher(opened);
        assertThat(sid.find()).as(opened).isTrue();
        String session = base + "&sid=" + sid.group(1);
        send(http, HttpRequest.newBuilder(URI.create(session))
                .POST(HttpRequest.BodyPublishers.ofString("40{\"token\":\"" + token + "\"}")));
        String connected = send(http, HttpRequest.newBuilder(URI.create(session)).GET());
        assertThat(connected).as("the namespace's connect answer").startsWith("40");
    }

    private static String send(HttpClient http, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
