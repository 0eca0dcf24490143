package com.luxedrive.bench;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.Ports;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * notification-service (real jar, with auth-service for tokens, on embedded durable PostgreSQL and Kafka):
 * <ol>
 *     <li>a send to all with 10 000, then 100 000 active clients: time until the 201 (notification, every history
 *     row and the outbox event committed) and until the dispatch event is on Kafka;</li>
 *     <li>sustained targeted sends (one recipient each) from concurrent senders: accepted per second, latency, and
 *     how long until every one of them is on Kafka.</li>
 * </ol>
 * Run with {@code bench/notifications.sh}. Prints the figures.
 */
public final class NotificationBenchmark {

    private static final Logger log = LoggerFactory.getLogger(NotificationBenchmark.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROUNDS = 5;
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 90));

    private NotificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration sustained = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "20")));
        int senders = Integer.parseInt(System.getProperty("bench.senders", "16"));
        Path root = Path.of(System.getProperty("luxe.project.root", ".")).toAbsolutePath();
        Path data = Files.createTempDirectory("luxe-bench-");
        // e.g. -XX:StartFlightRecording=filename=/tmp/%p.jfr,settings=profile to profile the services
        String serviceJvmOptions = System.getProperty("bench.service-jvm-options", "");
        Map<String, String> env = serviceJvmOptions.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", serviceJvmOptions);
        try (LocalPlatform platform = new LocalPlatform(root, data, Ports.free(), env)
                .start(List.of("auth-service", "notification-service"))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + platform.ports().notification();
            String token = BenchSupport.adminToken(http, platform);
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + platform.ports().postgres() + "/notification";
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 Dispatches dispatches = new Dispatches("127.0.0.1:" + platform.ports().kafka())) {
                StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                        "%nNotification benchmark (%d cores, durable PostgreSQL)%n",
                        Runtime.getRuntime().availableProcessors()));
                for (int size : new int[]{10_000, 100_000}) {
                    seedClients(db, size);
                    sendToAll(http, base, token, dispatches);
                    List<long[]> rounds = new ArrayList<>();
                    for (int i = 0; i < ROUNDS; i++) {
                        rounds.add(sendToAll(http, base, token, dispatches));
                    }
                    report.append(String.format(Locale.ROOT,
                            "  send to all, %,d recipients (%d rounds): accepted in median %d ms (min %d, max %d);"
                                    + " on Kafka after median %d ms%n",
                            size, ROUNDS, median(rounds, 0), min(rounds, 0), max(rounds, 0), median(rounds, 1)));
                }
                List<UUID> users = someUsers(db, 5_000);
                // long enough for C2 to compile the send path: after 5 s its compiler threads still took a sixth
                // of the service's CPU during the measure
                targeted(data, base, token, users, senders, WARM_UP, dispatches);
                Profiler.Profile profile = Profiler.start("notification-service", System.getProperty("bench.profile"));
                Sustained result = targeted(data, base, token, users, senders, sustained, dispatches);
                profile.stop();
                report.append(String.format(Locale.ROOT,
                        "  targeted sends (1 recipient), %d concurrent senders for %d s: %.0f accepted/s"
                                + " (p50 %d ms, p99 %d ms, errors %d); all %d on Kafka %d ms after the last 201%n"
                                + "    %s%n",
                        senders, sustained.toSeconds(), result.perSecond(), result.p50(), result.p99(),
                        result.errors(), result.accepted(), result.drainMillis(), result.cpuUse()));
                log.info(report.toString());
            }
        }
    }

    /** Active clients up to {@code total}, written straight into notification-service's projection. */
    private static void seedClients(Connection db, int total) throws Exception {
        long present = BenchSupport.rows(db, "recipient_users");
        db.createStatement().execute("""
                INSERT INTO recipient_users (user_id, user_type, active, updated_at)
                SELECT gen_random_uuid(), 'client', true, now() FROM generate_series(1, %d)"""
                .formatted(Math.max(0, total - present)));
        db.createStatement().execute("VACUUM ANALYZE recipient_users");
    }

    private static List<UUID> someUsers(Connection db, int limit) throws Exception {
        List<UUID> users = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT user_id FROM recipient_users LIMIT ?")) {
            query.setInt(1, limit);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    users.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return users;
    }

    /** @return {accepted millis, on-Kafka millis} */
    private static long[] sendToAll(HttpClient http, String base, String token, Dispatches dispatches) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(send(base, token,
                "{\"title\":\"Winter service\",\"message\":\"Book now\",\"type\":\"maintenance\",\"targetType\":\"all\"}"),
                HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        if (response.statusCode() != 201) {
            throw new IllegalStateException("send failed: " + response.statusCode() + " " + response.body());
        }
        String id = JSON.readTree(response.body()).path("notification").path("id").asString();
        long published = dispatches.awaitAll(Set.of(id), Duration.ofSeconds(60));
        return new long[]{(accepted - start) / 1_000_000, (published - start) / 1_000_000};
    }

    /**
     * Sends from {@code senders} threads in a closed loop, each on its own kept-alive connection, through Apache
     * HttpClient's classic (blocking) client: the JDK's HttpClient took about half a core of the two at this rate,
     * CPU the service under test then lacked.
     */
    private static Sustained targeted(Path data, String base, String token, List<UUID> users, int senders,
                                      Duration duration, Dispatches dispatches) throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastAccepted = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CpuUse cpu = CpuUse.start(data);
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        try (CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(senders).setMaxConnTotal(senders).build())
                .disableAutomaticRetries().disableCookieManagement().build()) {
            List<Future<?>> loops = IntStream.range(0, senders).<Future<?>>mapToObj(sender -> threads.submit(() -> {
                int i = sender;
                while (System.nanoTime() < end) {
                    UUID user = users.get(i++ % users.size());
                    HttpPost post = new HttpPost(base + "/api/notifications");
                    post.setHeader("Authorization", "Bearer " + token);
                    post.setEntity(new StringEntity("{\"title\":\"Your car\",\"message\":\"Ready for pick-up\","
                            + "\"type\":\"info\",\"targetType\":\"user\",\"userIds\":[\"" + user + "\"]}",
                            ContentType.APPLICATION_JSON));
                    long start = System.nanoTime();
                    try {
                        String id = http.execute(post, response -> response.getCode() == 201
                                ? JSON.readTree(EntityUtils.toString(response.getEntity()))
                                .path("notification").path("id").asString()
                                : null);
                        long done = System.nanoTime();
                        if (id != null) {
                            latencies.add((done - start) / 1_000_000);
                            lastAccepted.accumulateAndGet(done, Math::max);
                            ids.add(id);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            })).toList();
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            threads.shutdownNow();
        }
        String cpuUse = cpu.report();
        long published = dispatches.awaitAll(ids, Duration.ofSeconds(120));
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Sustained(ids.size() / (double) duration.toSeconds(), BenchSupport.percentile(sorted, 50),
                BenchSupport.percentile(sorted, 99), errors.get(), ids.size(),
                Math.max(0, (published - lastAccepted.get()) / 1_000_000), cpuUse);
    }

    private static HttpRequest send(String base, String token, String json) {
        return HttpRequest.newBuilder(URI.create(base + "/api/notifications")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static long median(List<long[]> rounds, int column) {
        List<Long> values = new ArrayList<>(rounds.stream().map(r -> r[column]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static long min(List<long[]> rounds, int column) {
        return rounds.stream().mapToLong(r -> r[column]).min().orElse(-1);
    }

    private static long max(List<long[]> rounds, int column) {
        return rounds.stream().mapToLong(r -> r[column]).max().orElse(-1);
    }

    private record Sustained(double perSecond, long p50, long p99, long errors, int accepted, long drainMillis,
                             String cpuUse) {
    }

    /** Reads luxe.notifications.v1 from its end and notes when each notification's dispatch event arrived. */
    private static final class Dispatches implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> seenAt = new HashMap<>();

        Dispatches(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor("luxe.notifications.v1", Duration.ofSeconds(60))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** @return the nano time at which the last of {@code ids} was seen */
        long awaitAll(Set<String> ids, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!seenAt.keySet().containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all dispatch events arrived within " + atMost);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    seenAt.putIfAbsent(record.key(), System.nanoTime());
                }
            }
            return ids.stream().mapToLong(seenAt::get).max().orElse(System.nanoTime());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
