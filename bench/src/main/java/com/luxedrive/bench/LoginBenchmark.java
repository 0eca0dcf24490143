package com.luxedrive.bench;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Login throughput of auth-service (real jar, embedded PostgreSQL and Kafka) against the ceiling of the raw
 * {@code PasswordEncoder.matches} on the same machine, then latency at a fixed 15 logins/s. Prints the figures.
 *
 * <p>Run with {@code bench/login.sh}. Everything it sends goes to 127.0.0.1 and stops by itself.
 */
public final class LoginBenchmark {

    private static final String EMAIL = "bench@example.test";
    private static final String PASSWORD = "benchmark password 42";
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final Logger log = LoggerFactory.getLogger(LoginBenchmark.class);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 90));
    private static final java.util.concurrent.ExecutorService CLIENT_THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-client");
        thread.setDaemon(true);
        return thread;
    });

    private LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "20")));
        double rate = Double.parseDouble(System.getProperty("bench.rate", "15"));
        Path root = Path.of(System.getProperty("luxe.project.root", ".")).toAbsolutePath();
        Path data = Files.createTempDirectory("luxe-bench-");
        Map<String, String> env = Map.of("SPRING_APPLICATION_JSON",
                "{\"luxe.auth.abuse.ip-requests-per-minute\":100000000}");
        try (LocalPlatform platform = new LocalPlatform(root, data, Ports.free(), env)
                .start(List.of("auth-service"))) {
            String base = "http://127.0.0.1:" + platform.ports().auth();
            HttpClient http = HttpClient.newBuilder().executor(CLIENT_THREADS).build();
            post(http, base + "/api/auth/register", "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD
                    + "\",\"firstName\":\"Bench\",\"lastName\":\"Mark\"}");

            rawMatchesPerSecond(Duration.ofSeconds(3));
            double ceilingBefore = rawMatchesPerSecond(measure);
            // the request path's code compiled by C2 before the measure, not during it (JIT threads are CPU too)
            closedLoop(http, base, CORES * 2, WARM_UP);
            CpuUse cpu = CpuUse.start(data);
            Result saturated = closedLoop(http, base, CORES * 2, measure);
            String cpuUse = cpu.report();
            // measured on both sides of the login phase, so a drift of the machine's speed shows and averages out
            double ceilingAfter = rawMatchesPerSecond(measure);
            double ceiling = (ceilingBefore + ceilingAfter) / 2;
            Latencies fixed = openLoop(http, base, rate, measure);

            log.info(String.format(Locale.ROOT, "%nLogin benchmark (%d cores, bcrypt via DelegatingPasswordEncoder)%n"
                            + "  raw PasswordEncoder.matches ceiling (%d threads): %.1f /s (before %.1f, after %.1f)%n"
                            + "  POST /api/auth/login, %d concurrent clients: %.1f /s = %.0f %% of the ceiling (errors: %d)%n"
                            + "  at a fixed %.0f logins/s for %d s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms"
                            + " (errors: %d of %d)%n"
                            + "  during the %d concurrent clients: %s",
                    CORES, CORES, ceiling, ceilingBefore, ceilingAfter, CORES * 2, saturated.perSecond(),
                    100 * saturated.perSecond() / ceiling, saturated.errors(), rate, measure.toSeconds(),
                    fixed.percentile(50), fixed.percentile(90), fixed.percentile(99), fixed.percentile(100),
                    fixed.errors(), fixed.count(), CORES * 2, cpuUse));
        }
    }

    /** How many matches per second the machine does with one thread per core, nothing else running. */
    private static double rawMatchesPerSecond(Duration duration) throws InterruptedException {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String hash = encoder.encode(PASSWORD);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(CORES);
        for (int i = 0; i < CORES; i++) {
            new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (encoder.matches(PASSWORD, hash)) {
                        done.incrementAndGet();
                    }
                }
                finished.countDown();
            }, "raw-matches").start();
        }
        finished.await();
        return done.get() / (double) duration.toSeconds();
    }

    private static Result closedLoop(HttpClient http, String base, int clients, Duration duration) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<Void>> loops = IntStream.range(0, clients)
                .mapToObj(i -> CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < end) {
                        if (login(http, base) == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }, CLIENT_THREADS))
                .toList();
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        return new Result(ok.get() / (double) duration.toSeconds(), errors.get());
    }

    /** Requests leave on a fixed schedule; latency counts from the scheduled time (no coordinated omission). */
    private static Latencies openLoop(HttpClient http, String base, double rate, Duration duration)
            throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-schedule");
            thread.setDaemon(true);
            return thread;
        });
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long total = (long) (rate * duration.toSeconds());
        long periodNanos = (long) (1_000_000_000 / rate);
        CountDownLatch all = new CountDownLatch((int) total);
        long start = System.nanoTime() + 100_000_000;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * periodNanos;
            scheduler.schedule(() -> http.sendAsync(loginRequest(base), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.add((System.nanoTime() - scheduled) / 1_000_000);
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        all.countDown();
                    }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        all.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Latencies(sorted, errors.get(), total);
    }

    private static int login(HttpClient http, String base) {
        try {
            return http.send(loginRequest(base), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpRequest loginRequest(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/api/auth/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build();
    }

    private static void post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("setup failed: " + response.statusCode() + " " + response.body());
        }
    }

    private record Result(double perSecond, long errors) {
    }

    private record Latencies(List<Long> sortedMillis, long errors, long count) {

        long percentile(int p) {
            if (sortedMillis.isEmpty()) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedMillis.size()) - 1;
            return sortedMillis.get(Math.max(0, Math.min(index, sortedMillis.size() - 1)));
        }
    }
}
