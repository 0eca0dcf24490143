package com.luxedrive.bench;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * vehicle-service (real jar, with auth-service for a staff token, on embedded durable PostgreSQL): the staff search by
 * part of a VIN or plate ({@code GET /api/vehicles?q=…}, a page of 20 and its total) over 100 000 and 1 000 000
 * vehicles, with the trigram indexes of {@code V5__vehicle_search_trigrams.sql} and without them (dropped for the
 * measure, then built again): latency p50/p99 of sequential searches, each for a different 6-character piece of an
 * existing VIN, and for a 6-character piece of a plate; and how long building the two indexes takes (the migration's
 * lock on the table). Run with {@code bench/vehicle-search.sh}. Prints the figures.
 */
public final class VehicleSearchBenchmark {

    private static final Logger log = LoggerFactory.getLogger(VehicleSearchBenchmark.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SEARCHES = Integer.getInteger("bench.searches", 200);
    /** The migration that builds the indexes, run again to build them after the measure without them. */
    private static final Path INDEXES = Path.of("vehicle-service/src/main/resources/db/migration/"
            + "V5__vehicle_search_trigrams.sql");

    private VehicleSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("luxe.project.root", ".")).toAbsolutePath();
        Path data = Files.createTempDirectory("luxe-bench-");
        try (LocalPlatform platform = new LocalPlatform(root, data, Ports.free(), Map.of())
                .start(List.of("auth-service", "vehicle-service"))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + platform.ports().vehicle() + "/api/vehicles?size=20&q=";
            String token = BenchSupport.adminToken(http, platform);
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + platform.ports().postgres() + "/vehicle";
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "%nVehicle search benchmark (%d cores, durable PostgreSQL, %d searches per figure)%n",
                    Runtime.getRuntime().availableProcessors(), SEARCHES));
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                for (int size : new int[]{100_000, 1_000_000}) {
                    seed(db, size);
                    List<String> vins = pieces(db, "vin", size);
                    List<String> plates = pieces(db, "license_plate", size);
                    // warm: the JIT and the caches, with the indexes
                    searches(http, base, token, vins.subList(0, Math.min(50, vins.size())));
                    String indexed = "vin " + searches(http, base, token, vins) + "; plate "
                            + searches(http, base, token, plates);
                    execute(db, "DROP INDEX vehicles_vin_search; DROP INDEX vehicles_plate_search; ANALYZE vehicles");
                    String scanned = "vin " + searches(http, base, token, vins) + "; plate "
                            + searches(http, base, token, plates);
                    long building = System.nanoTime();
                    execute(db, Files.readString(root.resolve(INDEXES)));
                    long built = (System.nanoTime() - building) / 1_000_000;
                    execute(db, "ANALYZE vehicles");
                    report.append(String.format(Locale.ROOT,
                            "  %,d vehicles%n    with the trigram indexes: %s%n    without (a scan):         %s%n"
                                    + "    building both indexes (V5, writes to vehicles wait meanwhile): %,d ms%n",
                            size, indexed, scanned, built));
                }
            }
            log.info(report.toString());
        }
    }

    /** Vehicles up to {@code total}, written straight into vehicle-service's table: distinct VINs and plates. */
    private static void seed(Connection db, int total) throws Exception {
        long present = BenchSupport.rows(db, "vehicles");
        execute(db, """
                INSERT INTO vehicles (id, owner_id, vin, license_plate, make, model, year, created_at, updated_at)
                SELECT gen_random_uuid(), gen_random_uuid(), upper(substr(md5('vin' || i), 1, 17)),
                       -- an odd multiplier modulo 2^32 is a bijection: distinct plates that look random
                       'LX-' || upper(lpad(to_hex((i::bigint * 2654435761) %% 4294967296), 8, '0')),
                       'Bentley', 'Continental GT', 2024,
                       now() - i * interval '1 second', now()
                FROM generate_series(%d, %d) AS i""".formatted(present + 1, total));
        execute(db, "VACUUM ANALYZE vehicles");
    }

    /** 6-character pieces of existing values, one per search, from random rows and offsets. */
    private static List<String> pieces(Connection db, String column, int size) throws Exception {
        List<String> pieces = new ArrayList<>();
        try (var rows = db.createStatement().executeQuery("SELECT " + column
                + " FROM vehicles TABLESAMPLE SYSTEM (1) LIMIT " + SEARCHES)) {
            while (rows.next()) {
                String value = rows.getString(1);
                int from = ThreadLocalRandom.current().nextInt(value.length() - 5);
                pieces.add(value.substring(from, from + 6));
            }
        }
        if (pieces.size() < SEARCHES) {
            throw new IllegalStateException("sampled " + pieces.size() + " of " + size + " vehicles");
        }
        return pieces;
    }

    private static String searches(HttpClient http, String base, String token, List<String> pieces) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (String piece : pieces) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + piece))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            micros.add((System.nanoTime() - start) / 1_000);
            JsonNode page = JSON.readTree(response.body());
            if (response.statusCode() != 200 || page.path("totalElements").asLong() < 1) {
                throw new IllegalStateException("search for " + piece + ": " + response.statusCode() + " "
                        + response.body());
            }
        }
        Collections.sort(micros);
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", BenchSupport.percentile(micros, 50) / 1000.0,
                BenchSupport.percentile(micros, 99) / 1000.0);
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
