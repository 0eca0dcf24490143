package com.luxedrive.bench;

import com.luxedrive.local.LocalPlatform;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** What several benchmarks do alike: the platform's admin token, a table's size, a percentile. */
final class BenchSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchSupport() {
    }

    /** An access token of the platform's bootstrap admin, from auth-service's login. */
    static String adminToken(HttpClient http, LocalPlatform platform) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.ports().auth() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + platform.admin().email()
                        + "\",\"password\":\"" + platform.admin().password() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("token").asString();
    }

    /** How many rows {@code table} has. */
    static long rows(Connection db, String table) throws Exception {
        try (Statement statement = db.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The {@code p}th percentile of {@code sorted} (nearest rank), or -1 when it is empty. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
