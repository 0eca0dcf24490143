package com.luxedrive.bench;

import com.luxedrive.events.CloudEventHeaders;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.Ports;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * realtime-service against a plain Node.js socket.io 4 server, with the same Node load generator
 * ({@code bench/realtime/load.js}) on the same two cores: N websocket clients connected at once, broadcast rounds
 * (publish → every socket: p50/p99/max), deliveries per CPU-second of the server process, heap per 1 000 idle
 * authenticated sockets, and a reconnect storm of every socket at once. realtime-service runs in the local platform
 * (with auth-service for the token and notification-service for the replay each connect asks for); its broadcasts
 * are {@code NotificationDispatched} events published to Kafka, as notification-service would. The Node.js server
 * runs while the platform is still up and idle, so both share the cores with the same processes.
 * Run with {@code bench/realtime.sh [sockets] [rounds]}.
 */
public final class RealtimeBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RealtimeBenchmark.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Rounds run before the measured ones, reported apart; none unless asked for ({@code BENCH_WARMUP_ROUNDS}). */
    private static final int WARMUP_ROUNDS = Integer.parseInt(System.getProperty("bench.warmup-rounds", "0"));
    private static final int KAFKA_WARMUP_RECORDS = 2000;
    /** The Node.js reference run after the platform has stopped, rather than beside it ({@code BENCH_NODE_ALONE}). */
    private static final boolean NODE_ALONE = Boolean.getBoolean("bench.node-alone");
    /** The server under test on a core of its own, everything else on the others ({@code BENCH_PIN}); or null. */
    private static final Cores PINNED = Boolean.getBoolean("bench.pin") ? Cores.split() : null;
    /** Node's options for the load generator alone ({@code BENCH_READER_NODE_OPTIONS}), the same for both servers. */
    private static final String READER_NODE_OPTIONS = System.getProperty("bench.reader-node-options", "").trim();

    private RealtimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sockets = Integer.parseInt(System.getProperty("bench.sockets", "10000"));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "6"));
        Path root = Path.of(System.getProperty("luxe.project.root", ".")).toAbsolutePath();
        Path data = Files.createTempDirectory("luxe-realtime-bench-");
        // every socket logs in with the same token here, 10 000 clients would bring 10 000: the services check each
        // call's token in full, as they would for a socket's first calls, rather than remember the one token
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Dluxe.realtime.socket.max-per-user=1000000"
                + " -Dluxe.realtime.socket.max-sockets=1000000 -Dluxe.security.jwt.verified-tokens=0 "
                + System.getProperty("bench.service-jvm-options", ""));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nRealtime benchmark (%d cores, %d websocket clients from one Node process, %d broadcast rounds)%n",
                Cores.MACHINE, sockets, rounds));
        if (!READER_NODE_OPTIONS.isEmpty()) {
            report.append("  the load generator runs with NODE_OPTIONS=").append(READER_NODE_OPTIONS)
                    .append(String.format(Locale.ROOT, "%n"));
        }
        if (PINNED != null) {
            report.append("  pinned: ").append(PINNED.describe()).append(String.format(Locale.ROOT, "%n"));
        }

        try (LocalPlatform platform = new LocalPlatform(root, data, Ports.free(), env)
                .start(List.of("auth-service", "vehicle-service", "notification-service", "realtime-service"));
             KafkaProducer<String, byte[]> kafka = producer(platform)) {
            String token = clientToken(platform);
            long pid = platform.service("realtime-service").pid();
            String metrics = "http://127.0.0.1:" + platform.ports().realtimeManagement() + "/actuator/prometheus";
            HttpServer trigger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            trigger.createContext("/broadcast", exchange -> {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                NotificationDispatched event = new NotificationDispatched(
                        UUID.fromString(body.path("id").asString()), "Benchmark", "One broadcast", null, "info",
                        List.of(), Audience.allClients(), Instant.ofEpochMilli(body.path("sentAt").asLong()));
                kafka.send(record(event));
                kafka.flush();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            trigger.start();
            if (WARMUP_ROUNDS > 0) {
                report.append(warmUpKafka(kafka));
            }
            try {
                report.append(run("realtime-service (netty-socketio)", root, data,
                        "http://127.0.0.1:" + platform.ports().realtime(), token, sockets, rounds,
                        "http://127.0.0.1:" + trigger.getAddress().getPort() + "/broadcast",
                        pid, peers(platform, "auth-service", "vehicle-service", "notification-service"),
                        () -> jvmHeap(pid, metrics), () -> {
                            String before = get(metrics);
                            return () -> deliveryLatency(metrics, before);
                        }));
            } finally {
                trigger.stop(0);
            }
            if (!NODE_ALONE) {
                // the same machine for both servers: the platform stays up, idle once it has closed the sessions
                List<Long> platformPids = peers(platform, "realtime-service", "auth-service", "vehicle-service",
                        "notification-service");
                if (!settle(platformPids, Duration.ofSeconds(180))) {
                    report.append(String.format(Locale.ROOT, "  (the platform was still busy when the Node.js"
                            + " reference started)%n"));
                }
                report.append(nodeReference(root, data, sockets, rounds, "beside the idle platform", platformPids));
            }
        }

        if (NODE_ALONE) {
            report.append(nodeReference(root, data, sockets, rounds, "alone on the machine", List.of()));
        }
        log.info(report.toString());
    }

    /**
     * Warms the broker's produce path, this producer and realtime-service's consumer before the warm-up rounds, as a
     * platform's steady flow of notifications keeps them: a broadcast round sends one record, and the first few
     * hundred each pass through code not yet compiled (the producer's send-and-flush took 4–8 ms instead of 2). The
     * notifications are addressed to a user holding no socket, so they reach no one.
     */
    private static String warmUpKafka(KafkaProducer<String, byte[]> kafka) {
        long started = System.nanoTime();
        UUID nobody = UUID.randomUUID();
        for (int i = 0; i < KAFKA_WARMUP_RECORDS; i++) {
            kafka.send(record(new NotificationDispatched(UUID.randomUUID(), "Warm-up", "To nobody here", null, "info",
                    List.of(), Audience.users(List.of(nobody)), Instant.now())));
            kafka.flush();
        }
        return String.format(Locale.ROOT, "  Kafka warmed with %d notifications sent one by one to a user holding no"
                + " socket, in %d ms%n", KAFKA_WARMUP_RECORDS, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The reference: a plain Node.js socket.io server doing the same broadcast, driven by the same load generator.
     * It runs beside the platform, left up and idle, so both servers share the two cores with the same other
     * processes; {@code BENCH_NODE_ALONE=true} runs it after the platform has stopped instead.
     */
    private static String nodeReference(Path root, Path data, int sockets, int rounds, String where,
                                        List<Long> peers) throws Exception {
        int socketPort = GatewayBenchmark.freePort();
        int controlPort = GatewayBenchmark.freePort();
        ProcessBuilder server = new ProcessBuilder("node", "--expose-gc",
                root.resolve("bench/realtime/node-server.js").toString(),
                Integer.toString(socketPort), Integer.toString(controlPort))
                .redirectErrorStream(true).redirectOutput(data.resolve("node-server.log").toFile());
        // Node's own settings for the server, like the JVM's for realtime-service
        server.environment().remove("NODE_OPTIONS");
        Process node = server.start();
        try {
            Poll.listening(controlPort, Duration.ofSeconds(20), "the Node.js server");
            return run("Node.js socket.io 4.8.1 (" + where + ")", root, data, "http://127.0.0.1:" + socketPort,
                    "bench", sockets, rounds, "http://127.0.0.1:" + controlPort + "/broadcast", node.pid(), peers,
                    () -> Long.parseLong(get("http://127.0.0.1:" + controlPort + "/heap")),
                    () -> () -> "inside the Node server, trigger to its last socket written, per broadcast (warm-up"
                            + " rounds first): " + get("http://127.0.0.1:" + controlPort + "/written") + " ms");
        } finally {
            node.destroy();
        }
    }

    private static List<Long> peers(LocalPlatform platform, String... services) {
        return java.util.Arrays.stream(services).map(service -> platform.service(service).pid()).toList();
    }

    private static String run(String name, Path root, Path data, String url, String token, int sockets, int rounds,
                              String trigger, long serverPid, List<Long> peers, LongSupplier heap,
                              Supplier<Supplier<String>> serverSide)
            throws Exception {
        long heapBefore = heap.getAsLong();
        long overflowsBefore = listenOverflows();
        List<String> command = new ArrayList<>();
        if (PINNED != null) {
            PINNED.pin(serverPid);
            command.addAll(PINNED.elsewhere());
        }
        command.addAll(List.of("node", root.resolve("bench/realtime/load.js").toString(), url, token,
                Integer.toString(sockets), Integer.toString(rounds), trigger, Integer.toString(WARMUP_ROUNDS)));
        ProcessBuilder loadGenerator = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // these options or none, whatever the shell had
        loadGenerator.environment().remove("NODE_OPTIONS");
        if (!READER_NODE_OPTIONS.isEmpty()) {
            loadGenerator.environment().put("NODE_OPTIONS", READER_NODE_OPTIONS);
        }
        Process load = loadGenerator.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(load.getInputStream(),
                    StandardCharsets.UTF_8));
            JsonNode connected = JSON.readTree(lines.readLine());
            long connectOverflows = listenOverflows() - overflowsBefore;
            long settling = System.nanoTime();
            // the server, then the processes beside it (notification-service's JIT goes on compiling what the storm's
            // replays ran for a while after realtime-service is idle)
            boolean settled = settle(serverPid, Duration.ofSeconds(180)) & settle(peers, Duration.ofSeconds(180));
            long settledMillis = (System.nanoTime() - settling) / 1_000_000;
            long heapIdle = heap.getAsLong();
            OutputStream commands = load.getOutputStream();
            commands.write('\n');
            commands.flush();
            JsonNode warmup = JSON.readTree(lines.readLine());
            // the broadcast rounds
            Profiler.Profile profile = name.startsWith("realtime-service")
                    ? Profiler.start("realtime-service", System.getProperty("bench.profile")) : () -> { };
            // the server's own figures, as they stand before the rounds (read before its CPU is, so reading them does
            // not count as the rounds' work); the report is what they add during them
            Supplier<String> inside = serverSide.get();
            // the CPU window holds the rounds and the pauses around them (half a second after each, a second before the
            // first), for both servers alike
            double cpuBefore = CpuUse.cpuSeconds(serverPid);
            CpuUse roundsCpu = CpuUse.start(data);
            commands.write('\n');
            commands.close();
            // the rounds' times, to line them up with the services' own logs (a JIT or GC log, say)
            log.info("{}: broadcast rounds start", name);
            List<JsonNode> results = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                results.add(JSON.readTree(lines.readLine()));
            }
            JsonNode overall = JSON.readTree(lines.readLine());
            log.info("{}: broadcast rounds end", name);
            double cpu = CpuUse.cpuSeconds(serverPid) - cpuBefore;
            String roundsCpuUse = roundsCpu.report();
            profile.stop();
            long overflowsBeforeStorm = listenOverflows();
            JsonNode storm = JSON.readTree(lines.readLine());
            long stormOverflows = listenOverflows() - overflowsBeforeStorm;
            load.waitFor();

            long delivered = results.stream().mapToLong(r -> r.path("reached").asLong()).sum();
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "  %s: %d/%d connected at once in %d ms (%d failed, server errors %s, client errors %s, reached %s,"
                            + " accept queue overflows %d); heap %.1f MiB per 1 000 idle sockets%n",
                    name, connected.path("ready").asInt(), sockets, connected.path("millis").asLong(),
                    connected.path("failed").asInt(), connected.path("errors"), connected.path("clientErrors"),
                    connected.path("reached"), connectOverflows,
                    (heapIdle - heapBefore) / 1_048_576.0 / Math.max(1, connected.path("ready").asInt() / 1000.0)));
            out.append(String.format(Locale.ROOT, "    after the greetings, the post-login work (session rows, vehicle"
                    + " lists, replays, in the server and the services beside it) %s %d ms%n",
                    settled ? "settled in" : "had not settled after", settledMillis));
            for (JsonNode round : warmup.path("rounds")) {
                out.append(roundLine("warm-up round", round));
            }
            for (JsonNode round : results) {
                out.append(roundLine("round", round));
            }
            out.append(String.format(Locale.ROOT,
                    "    the measured rounds together: %d deliveries, p50 %d ms, p99 %d ms, max %d ms%n",
                    overall.path("deliveries").asLong(), overall.path("p50").asLong(), overall.path("p99").asLong(),
                    overall.path("max").asLong()));
            out.append(String.format(Locale.ROOT,
                    "    %d deliveries in %.2f CPU-s of the server: %.0f deliveries per CPU-second%n", delivered, cpu,
                    delivered / Math.max(0.001, cpu)));
            out.append("    during the rounds, ").append(roundsCpuUse).append(String.format(Locale.ROOT, "%n"));
            String figures = inside.get();
            if (!figures.isEmpty()) {
                out.append("    ").append(figures).append(String.format(Locale.ROOT, "%n"));
            }
            out.append(String.format(Locale.ROOT, "    reconnect storm: %d/%d back in %d ms (%d failed; server errors"
                            + " since the start %s, client errors %s, reached %s, accept queue overflows %d; the old"
                            + " connections released %d ms after the disconnects, %d still open)%n",
                    storm.path("ready").asInt(), sockets, storm.path("millis").asLong(), storm.path("failed").asInt(),
                    storm.path("errors"), storm.path("clientErrors"), storm.path("reached"), stormOverflows,
                    storm.path("released").path("millis").asLong(), storm.path("released").path("stillOpen").asInt()));
            return out.toString();
        } finally {
            // a failed run leaves no load generator holding 10 000 sockets
            load.destroy();
        }
    }

    /**
     * One round: latency from the trigger to each socket, heartbeats received meanwhile, the load generator's CPU, the
     * TCP segments the host sent meanwhile.
     */
    private static String roundLine(String what, JsonNode round) {
        return String.format(Locale.ROOT, "    %s %d: reached %d/%d, p50 %d ms, p99 %d ms, max %d ms (Engine.IO pings"
                        + " received meanwhile %d; Node load generator: CPU %d ms (in the kernel %d; main thread %s,"
                        + " other threads %s), of it GC %d ms, heap %d MiB, arrivals read in %d turns of its event"
                        + " loop; TCP segments on the host %s)%n",
                what, round.path("round").asInt() + 1, round.path("reached").asInt(), round.path("of").asInt(),
                round.path("p50").asLong(), round.path("p99").asLong(), round.path("max").asLong(),
                round.path("pings").asLong(), round.path("cpuMillis").asLong(), round.path("systemMillis").asLong(),
                round.path("mainThreadMillis").asString("?"), round.path("otherThreadsMillis").asString("?"),
                round.path("gcMillis").asLong(),
                round.path("heapMiB").asLong(), round.path("batches").asLong(),
                round.path("segments").isNumber() ? round.path("segments").asString() : "unknown");
    }

    /**
     * Waits until each process is idle in turn — under a tenth of a core over a second — so the broadcast rounds
     * measure broadcasts, not the tail of the connect storm's post-login work (a socket's live events wait for its
     * replay) in the server or beside it.
     */
    private static boolean settle(List<Long> pids, Duration limit) {
        for (long pid : pids) {
            if (!settle(pid, limit)) {
                return false;
            }
        }
        return true;
    }

    /** @return true once the process is idle, or gone */
    private static boolean settle(long pid, Duration limit) {
        double[] window = {0, System.nanoTime()};
        try {
            window[0] = cpuSeconds(pid);
            Poll.until(() -> {
                double elapsed = (System.nanoTime() - window[1]) / 1e9;
                if (elapsed < 1) {
                    return null;
                }
                double used = cpuSeconds(pid) - window[0];
                window[0] += used;
                window[1] = System.nanoTime();
                return used / elapsed < 0.1 ? Boolean.TRUE : null;
            }, limit, "an idle server");
            return true;
        } catch (IllegalStateException stillBusy) {
            return false;
        } catch (UncheckedIOException gone) {
            // its /proc entry is gone: the process has exited
            return true;
        }
    }

    private static double cpuSeconds(long pid) {
        try {
            return CpuUse.cpuSeconds(pid);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kernel's count of connections dropped because a listening socket's accept queue was full (TcpExt
     * ListenOverflows, machine-wide): a server that accepts too slowly loses handshakes there, and their clients wait
     * for TCP retransmissions, seconds to minutes apart, without any error.
     */
    private static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                if (lines.get(i).startsWith("TcpExt:")) {
                    List<String> names = List.of(lines.get(i).split(" "));
                    return Long.parseLong(lines.get(i + 1).split(" ")[names.indexOf("ListenOverflows")]);
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The server's own part of a broadcast's latency, from its histograms (bucket bounds): the event's send time (the
     * benchmark's publish) to realtime-service reading it from Kafka, the hand-over to every socket, and the send
     * time to each write onto a socket — over the measured rounds: the page now less the page before them.
     */
    private static String deliveryLatency(String metrics, String before) {
        String page = get(metrics);
        return java.util.stream.Stream.of(
                        histogram(page, before, "luxe_push_received_latency_seconds",
                                "publish to realtime-service reading it from Kafka"),
                        histogram(page, before, "luxe_push_fanout_seconds",
                                "handing one broadcast to the sockets' event loops"),
                        histogram(page, before, "luxe_delivery_latency_seconds",
                                "publish to the write onto each socket"),
                        histogram(page, before, "luxe_push_written_seconds", "publish to the last socket written"))
                .filter(line -> !line.isEmpty()).collect(java.util.stream.Collectors.joining("\n      "));
    }

    private static String histogram(String page, String before, String name, String what) {
        java.util.TreeMap<Double, Double> buckets = buckets(page, name);
        buckets(before, name).forEach((le, count) -> buckets.computeIfPresent(le, (bound, now) -> now - count));
        if (buckets.isEmpty() || buckets.lastEntry().getValue() == 0) {
            return "";
        }
        double total = buckets.lastEntry().getValue();
        return String.format(Locale.ROOT, "inside realtime-service, %s: p50 <= %.0f ms, p99 <= %.0f ms (over %.0f,"
                        + " histogram bucket bounds)", what, bound(buckets, total * 0.5), bound(buckets, total * 0.99),
                total);
    }

    /** A histogram's cumulative bucket counts by upper bound, in seconds. */
    private static java.util.TreeMap<Double, Double> buckets(String page, String name) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : page.split("\n")) {
            if (line.startsWith(name + "_bucket{")) {
                String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return buckets;
    }

    private static double bound(java.util.TreeMap<Double, Double> cumulative, double count) {
        return cumulative.entrySet().stream().filter(bucket -> bucket.getValue() >= count).findFirst()
                .map(bucket -> bucket.getKey() * 1000).orElse(Double.NaN);
    }

    /** The JVM's heap in use after a full GC (jcmd), from its Prometheus metrics. */
    private static long jvmHeap(long pid, String metrics) {
        try {
            new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            long used = 0;
            for (String line : get(metrics).split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(String uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clientToken(LocalPlatform platform) throws Exception {
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.ports().auth() + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"email":"bench-%s@luxedrive.test","password":"Bench-password-2026","firstName":"Bench",
                         "lastName":"Sockets"}""".formatted(UUID.randomUUID()))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(registered.body()).path("token").asString();
    }

    private static KafkaProducer<String, byte[]> producer(LocalPlatform platform) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + platform.ports().kafka());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(NotificationDispatched event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventCatalog.topicOf(event.getClass()),
                event.key(), EventJson.write(event));
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.TYPE, EventCatalog.typeOf(event.getClass()));
        header(record, CloudEventHeaders.SOURCE, "bench");
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
