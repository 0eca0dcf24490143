package com.luxedrive.bench;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.Ports;
import com.luxedrive.local.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway costs, measured with {@code wrk} (Debian's package) on the same two cores as everything else:
 * <ol>
 *     <li>a trivial GET ({@code {"status":"ok"}} from an nginx backend): requests/s at saturation (wrk -t2 -c64)
 *     direct, through nginx as a plain reverse proxy, and through the gateway — on a public route (no token) and
 *     on an authenticated one (JWT verified at the edge and a Redis rate-limit check);</li>
 *     <li>the same GET at a fixed rate of half the gateway's capacity: p50/p99 direct and through each proxy, so the
 *     difference is what the proxy adds;</li>
 *     <li>a database-bound GET (a client's vehicle list from vehicle-service): the same three ways.</li>
 * </ol>
 * Run with {@code bench/gateway.sh}; needs {@code nginx} and {@code wrk} on the PATH. Prints the figures.
 */
public final class GatewayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(GatewayBenchmark.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "10"));
        // the gateway's JIT needs ~40 s of load on two cores before its throughput settles
        int warmup = Integer.parseInt(System.getProperty("bench.warmup", "30"));
        Path root = Path.of(System.getProperty("luxe.project.root", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("luxe-gateway-bench-");
        // the platform's gateway keeps its rate limits on, set high enough never to refuse the benchmark
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS",
                "-Dluxe.gateway.rate-limit.user.requests=3600000000 -Dluxe.gateway.rate-limit.user.burst=1000000"
                        + " -Dluxe.gateway.access-log.enabled=" + System.getProperty("bench.access-log", "true")
                        + " " + System.getProperty("bench.service-jvm-options", ""));
        int backendPort = freePort();
        int nginxProxyPort = freePort();
        try (LocalPlatform platform = new LocalPlatform(root, work.resolve("platform"), Ports.free(), env)
                .start(List.of("auth-service", "vehicle-service", "gateway"));
             Nginx backend = Nginx.start(work.resolve("backend"), 1, backendPort, """
                     server {
                       listen 127.0.0.1:%d backlog=4096;
                       access_log off;
                       location / { default_type application/json; return 200 '{"status":"ok"}'; }
                     }""".formatted(backendPort));
             Nginx proxy = Nginx.start(work.resolve("proxy"), 2, nginxProxyPort, """
                     upstream trivial { server 127.0.0.1:%d; keepalive 64; }
                     upstream vehicles { server 127.0.0.1:%d; keepalive 64; }
                     server {
                       listen 127.0.0.1:%d backlog=4096;
                       access_log off;
                       proxy_http_version 1.1;
                       proxy_set_header Connection "";
                       location /api/vehicles { proxy_pass http://vehicles; }
                       location / { proxy_pass http://trivial; }
                     }""".formatted(backendPort, platform.ports().vehicle(), nginxProxyPort))) {
            String gateway = platform.gatewayUrl();
            String clientToken = clientWithVehicle(platform);
            String jars = System.getProperty("bench.compare-jars", "");
            String jvms = System.getProperty("bench.compare-jvms", "");
            if (!jars.isBlank() || !jvms.isBlank()) {
                List<Variant> variants = new ArrayList<>();
                if (!jars.isBlank()) {
                    for (String jar : jars.trim().split("\\s+")) {
                        variants.add(new Variant(jar, Path.of(jar).toAbsolutePath(), defaultGatewayJvm()));
                    }
                } else {
                    for (String options : jvms.split(";")) {
                        variants.add(new Variant(options.trim(), root.resolve("gateway/target/gateway.jar"),
                                List.of(options.trim().split("\\s+"))));
                    }
                }
                compare(variants, work, backendPort, platform, clientToken, seconds, warmup,
                        Double.parseDouble(System.getProperty("bench.compare-rate", "1000")));
                return;
            }
            // a second gateway whose services are all the trivial backend, so its routes measure the proxy alone
            try (GatewayProcess trivialGateway = GatewayProcess.start(root.resolve("gateway/target/gateway.jar"), work,
                    backendPort, platform)) {
                String trivialPublic = "/api/auth/.well-known/jwks.json";
                String trivialAuthenticated = "/api/vehicles";
                Map<String, Target> trivial = new LinkedHashMap<>();
                trivial.put("direct", new Target("http://127.0.0.1:" + backendPort + trivialPublic, null));
                trivial.put("nginx proxy", new Target("http://127.0.0.1:" + nginxProxyPort + trivialPublic, null));
                trivial.put("gateway, public route", new Target(trivialGateway.url() + trivialPublic, null));
                trivial.put("gateway, token + rate limit",
                        new Target(trivialGateway.url() + trivialAuthenticated, clientToken));
                Map<String, Target> database = new LinkedHashMap<>();
                database.put("direct", new Target("http://127.0.0.1:" + platform.ports().vehicle() + "/api/vehicles",
                        clientToken));
                database.put("nginx proxy", new Target("http://127.0.0.1:" + nginxProxyPort + "/api/vehicles",
                        clientToken));
                database.put("gateway", new Target(gateway + "/api/vehicles", clientToken));

                StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                        "%nGateway benchmark (%d cores, wrk -t2 -c64, %d s rounds after %d s of warm-up, access log %s)%n",
                        Runtime.getRuntime().availableProcessors(), seconds, warmup,
                        System.getProperty("bench.access-log", "true")));
                report.append("  trivial gateway's JVM: ").append(String.join(" ", trivialGateway.jvmOptions()))
                        .append('\n');
                measure(report, "trivial GET", trivial, work, seconds, warmup);
                measure(report, "database-bound GET (a client's vehicles)", database, work, seconds, warmup);
                log.info(report.toString());
            }
        }
    }

    /** A gateway to compare: a build, and the JVM options it runs with. */
    record Variant(String name, Path jar, List<String> jvmOptions) {
    }

    /**
     * Two or more gateway builds, or one build under two or more JVM option sets, side by side on the trivial GET
     * (public route, then token route): each in a fresh process, taken in turn for three rounds so a host that slows
     * down or speeds up during the run weighs on all of them alike — the way to tell a regression between two commits,
     * or the cost of a smaller heap, from a change of host. Each round measures saturation, then a fixed rate (the
     * same for every variant) for the latency a variant's collector and JIT give a request when there is room.
     */
    private static void compare(List<Variant> variants, Path work, int backendPort, LocalPlatform platform,
                                String clientToken, int seconds, int warmup, double fixedRate) throws Exception {
        Map<String, List<Wrk.Result>> publicRates = new LinkedHashMap<>();
        Map<String, List<Wrk.Result>> tokenRates = new LinkedHashMap<>();
        Map<String, List<Wrk.Result>> publicFixed = new LinkedHashMap<>();
        Map<String, List<Wrk.Result>> tokenFixed = new LinkedHashMap<>();
        for (int round = 1; round <= 3; round++) {
            for (Variant variant : variants) {
                try (GatewayProcess gateway = GatewayProcess.start(variant.jar(), work, backendPort, platform,
                        variant.jvmOptions())) {
                    Target publicRoute = new Target(gateway.url() + "/api/auth/.well-known/jwks.json", null);
                    Target tokenRoute = new Target(gateway.url() + "/api/vehicles", clientToken);
                    Wrk.run(publicRoute, 64, warmup, 0, work);
                    add(publicRates, variant, Wrk.run(publicRoute, 64, seconds, 0, work));
                    add(publicFixed, variant, Wrk.run(publicRoute, 32, seconds, fixedRate, work));
                    Wrk.run(tokenRoute, 64, Math.max(seconds, warmup / 3), 0, work);
                    add(tokenRates, variant, Wrk.run(tokenRoute, 64, seconds, 0, work));
                    add(tokenFixed, variant, Wrk.run(tokenRoute, 32, seconds, fixedRate, work));
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nGateways compared (%d cores, wrk -t2 -c64, %d s rounds after %d s of warm-up, 3 rounds in turn):"
                        + " requests/s at saturation on the trivial GET, then p50 / p99 at %.0f requests/s%n",
                Runtime.getRuntime().availableProcessors(), seconds, warmup, fixedRate));
        for (Variant variant : variants) {
            report.append(String.format(Locale.ROOT, "  %s%n    public route %s%n                 %s%n"
                            + "    token route  %s%n                 %s%n", variant.name(),
                    rates(publicRates.get(variant.name())), latencies(publicFixed.get(variant.name())),
                    rates(tokenRates.get(variant.name())), latencies(tokenFixed.get(variant.name()))));
        }
        log.info(report.toString());
    }

    private static void add(Map<String, List<Wrk.Result>> results, Variant variant, Wrk.Result result) {
        results.computeIfAbsent(variant.name(), name -> new ArrayList<>()).add(result);
    }

    private static String latencies(List<Wrk.Result> results) {
        List<Double> p99 = results.stream().map(Wrk.Result::p99).sorted().toList();
        List<Double> p50 = results.stream().map(Wrk.Result::p50).sorted().toList();
        return String.format(Locale.ROOT, "median p50 %.2f ms, p99 %.2f ms (rounds: %s)", p50.get(p50.size() / 2),
                p99.get(p99.size() / 2), String.join(", ", results.stream().map(r -> String.format(Locale.ROOT,
                        "%.2f / %.2f ms at %.0f/s", r.p50(), r.p99(), r.perSecond())).toList()));
    }

    private static String rates(List<Wrk.Result> results) {
        List<Double> rates = results.stream().map(Wrk.Result::perSecond).toList();
        List<Double> sorted = rates.stream().sorted().toList();
        return String.format(Locale.ROOT, "median %.0f (rounds: %s)", sorted.get(sorted.size() / 2),
                String.join(", ", rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList()));
    }

    private static void measure(StringBuilder report, String title, Map<String, Target> targets, Path work,
                                int seconds, int warmup) throws Exception {
        report.append("  ").append(title).append('\n');
        Map<String, Wrk.Result> saturation = new LinkedHashMap<>();
        for (var target : targets.entrySet()) {
            Wrk.run(target.getValue(), 64, warmup, 0, work);
            saturation.put(target.getKey(), Wrk.run(target.getValue(), 64, seconds, 0, work));
        }
        double slowestProxy = saturation.entrySet().stream().filter(e -> !e.getKey().equals("direct"))
                .mapToDouble(e -> e.getValue().perSecond()).min().orElseThrow();
        double half = Math.floor(saturation.get("direct").perSecond() / 2);
        double fixedRate = Math.min(half, Math.floor(slowestProxy / 2));
        Map<String, Wrk.Result> fixed = new LinkedHashMap<>();
        for (var target : targets.entrySet()) {
            fixed.put(target.getKey(), Wrk.run(target.getValue(), 32, seconds, fixedRate, work));
        }
        Wrk.Result directFixed = fixed.get("direct");
        double nginx = saturation.get("nginx proxy").perSecond();
        for (String name : targets.keySet()) {
            Wrk.Result max = saturation.get(name);
            Wrk.Result atRate = fixed.get(name);
            report.append(String.format(Locale.ROOT,
                    "    %-28s %8.0f req/s (%3.0f%% of nginx; p50 %6.2f ms, p99 %6.2f ms, errors %d)"
                            + " | at %.0f/s (got %.0f): p50 %5.2f ms, p99 %6.2f ms, added p50 %+5.2f ms, p99 %+6.2f ms%n",
                    name, max.perSecond(), 100 * max.perSecond() / nginx, max.p50(), max.p99(), max.errors(),
                    fixedRate, atRate.perSecond(), atRate.p50(), atRate.p99(),
                    atRate.p50() - directFixed.p50(), atRate.p99() - directFixed.p99()));
        }
        report.append(String.format(Locale.ROOT, "    (fixed rate = half of %s capacity)%n",
                fixedRate == half ? "direct" : "the slowest proxy's"));
    }

    private static String clientWithVehicle(LocalPlatform platform) throws Exception {
        String auth = "http://127.0.0.1:" + platform.ports().auth();
        String email = "bench-" + UUID.randomUUID() + "@luxedrive.test";
        var registered = JSON.readTree(post(auth + "/api/auth/register", null, """
                {"email":"%s","password":"Bench-password-2026","firstName":"Bench","lastName":"Client"}""".formatted(email)));
        String token = registered.path("token").asString();
        String userId = registered.path("user").path("id").asString();
        String admin = JSON.readTree(post(auth + "/api/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(platform.admin().email(), platform.admin().password())))
                .path("token").asString();
        String vehicles = "http://127.0.0.1:" + platform.ports().vehicle() + "/api/vehicles";
        String vin = "WP0ZZZ99ZTS39" + (1000 + (int) (Math.random() * 8999));
        String body = """
                {"userId":"%s","make":"Porsche","model":"911","year":2024,"vin":"%s",
                 "licensePlate":"BE-%s","color":"Black","mileage":1200}""".formatted(userId, vin, vin.substring(13));
        // refused until vehicle-service has learnt of the new client through Kafka
        Poll.until(() -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(vehicles))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 201 ? Boolean.TRUE : null;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30), "the client's vehicle");
        return token;
    }

    private static String post(String uri, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Target(String url, String token) {
    }

    /** One wrk run; {@code rate} > 0 paces every connection (wrk's {@code delay()}) to about that total rate. */
    static final class Wrk {

        private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        private static final Pattern PERCENTILE = Pattern.compile("\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)");
        private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: "
                + "connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

        record Result(double perSecond, double p50, double p99, long errors) {
        }

        static Result run(Target target, int connections, int seconds, double rate, Path work) throws Exception {
            Path script = work.resolve("wrk-" + UUID.randomUUID() + ".lua");
            StringBuilder lua = new StringBuilder();
            if (target.token() != null) {
                lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(target.token()).append("\"\n");
            }
            if (rate > 0) {
                double delayMillis = connections * 1000.0 / rate;
                lua.append(String.format(Locale.ROOT, "function delay() return %.3f end%n", delayMillis));
            }
            Files.writeString(script, lua.toString());
            List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                    "--latency", "-s", script.toString(), target.url()));
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            Matcher rateMatch = RATE.matcher(output);
            if (!rateMatch.find()) {
                throw new IllegalStateException("no rate in wrk's output: " + output);
            }
            double p50 = -1;
            double p99 = -1;
            Matcher percentiles = PERCENTILE.matcher(output);
            while (percentiles.find()) {
                double value = Double.parseDouble(percentiles.group(2));
                double millis = switch (percentiles.group(3)) {
                    case "us" -> value / 1000;
                    case "s" -> value * 1000;
                    default -> value;
                };
                if (percentiles.group(1).equals("50")) {
                    p50 = millis;
                } else {
                    p99 = millis;
                }
            }
            long errors = 0;
            Matcher errorMatch = ERRORS.matcher(output);
            while (errorMatch.find()) {
                for (int group = 1; group <= errorMatch.groupCount(); group++) {
                    if (errorMatch.group(group) != null) {
                        errors += Long.parseLong(errorMatch.group(group));
                    }
                }
            }
            return new Result(Double.parseDouble(rateMatch.group(1)), p50, p99, errors);
        }
    }

    /** An nginx master with its own prefix and configuration, in the foreground. */
    static final class Nginx implements AutoCloseable {

        private final Process process;

        private Nginx(Process process) {
            this.process = process;
        }

        static Nginx start(Path prefix, int workers, int port, String server) throws Exception {
            Files.createDirectories(prefix.resolve("logs"));
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, """
                    worker_processes %d;
                    pid %s/nginx.pid;
                    error_log %s/logs/error.log warn;
                    events { worker_connections 8192; }
                    http {
                      keepalive_requests 1000000;
                      %s
                    }""".formatted(workers, prefix, prefix, server));
            Process process = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", conf.toString(),
                    "-g", "daemon off;").redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs").resolve("out.log").toFile()).start();
            Poll.listening(port, Duration.ofSeconds(10), "nginx on " + port + " (see " + prefix.resolve("logs") + ")");
            return new Nginx(process);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** The gateway jar with every service pointed at one backend, started as the platform starts its services. */
    /** The JVM the platform's gateway gets (as in its container), unless the run asks for another. */
    private static List<String> defaultGatewayJvm() {
        String jvm = System.getProperty("bench.gateway-jvm-options", "");
        return jvm.isBlank() ? ServiceProcess.jvmOptions("gateway") : List.of(jvm.trim().split("\\s+"));
    }

    static final class GatewayProcess implements AutoCloseable {

        private final Process process;
        private final int port;
        private final List<String> jvmOptions;

        private GatewayProcess(Process process, int port, List<String> jvmOptions) {
            this.process = process;
            this.port = port;
            this.jvmOptions = jvmOptions;
        }

        static GatewayProcess start(Path jar, Path work, int backendPort, LocalPlatform platform) throws Exception {
            return start(jar, work, backendPort, platform, defaultGatewayJvm());
        }

        static GatewayProcess start(Path jar, Path work, int backendPort, LocalPlatform platform,
                                    List<String> jvmOptions) throws Exception {
            int port = freePort();
            int managementPort = freePort();
            String backend = "http://127.0.0.1:" + backendPort;
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-Dluxe.gateway.rate-limit.user.requests=3600000000", "-Dluxe.gateway.rate-limit.user.burst=1000000",
                    "-Dluxe.gateway.rate-limit.anonymous.requests=3600000000",
                    "-Dluxe.gateway.rate-limit.anonymous.burst=1000000",
                    "-Dluxe.gateway.access-log.enabled=" + System.getProperty("bench.access-log", "true"),
                    "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("trivial-gateway.log").toFile());
            String extra = System.getProperty("bench.service-jvm-options", "");
            if (!extra.isBlank()) {
                builder.environment().put("JAVA_TOOL_OPTIONS", extra);
            }
            builder.environment().putAll(Map.of(
                    "GATEWAY_PORT", Integer.toString(port),
                    "GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPort),
                    "LUXE_JWKS_URI", "http://127.0.0.1:" + platform.ports().auth() + "/api/auth/.well-known/jwks.json",
                    "AUTH_SERVICE_URL", backend, "VEHICLE_SERVICE_URL", backend,
                    "NOTIFICATION_SERVICE_URL", backend, "REALTIME_SERVICE_URL", backend,
                    "SPRING_DATA_REDIS_PORT", Integer.toString(platform.ports().redis())));
            Process process = builder.start();
            try {
                Poll.until(() -> process.isAlive() ? ready(managementPort) : Boolean.FALSE, Duration.ofSeconds(60),
                        "the trivial gateway");
            } catch (IllegalStateException notReady) {
                process.destroyForcibly();
                throw new IllegalStateException("the trivial gateway did not start; see "
                        + work.resolve("trivial-gateway.log"), notReady);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the trivial gateway exited; see " + work.resolve("trivial-gateway.log"));
            }
            return new GatewayProcess(process, port, jvmOptions);
        }

        /** TRUE once the readiness probe (on the management port) answers 200, null until then. */
        private static Boolean ready(int port) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200 ? Boolean.TRUE : null;
            } catch (IOException notYet) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        List<String> jvmOptions() {
            return jvmOptions;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }
}
