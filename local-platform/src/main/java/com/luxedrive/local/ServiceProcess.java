package com.luxedrive.local;

import com.luxedrive.infra.ChildProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service jar running as a child process, its output in a log file. */
public final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final Path logFile;
    private final URI readiness;
    private final URI management;
    private Process process;

    ServiceProcess(String service, String name, Path jar, Map<String, String> environment, Path logFile,
                   URI readiness, URI management) {
        this.service = service;
        this.name = name;
        this.jar = jar;
        this.environment = environment;
        this.logFile = logFile;
        this.readiness = readiness;
        this.management = management;
    }

    /** The service this is an instance of. */
    public String service() {
        return service;
    }

    /** The instance's name: the service's for its first instance, {@code <service>-N} for the others. */
    public String name() {
        return name;
    }

    /** Where its actuator endpoints are ({@code /actuator/…}). */
    public URI management() {
        return management;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions(service));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * The garbage collector the gateway runs with, here and in its containers (docs/performance.md, Gateway): it
     * allocates about 120 KB per proxied request and keeps under 60 MB alive, so a young generation of half the heap
     * collects seldom, and two parallel threads copy what is in flight in half the time of the serial collector:
     * under the same load its p99 fell by about 40 %. A container sizes the heap by percentages, which leave its
     * minimum at a few MiB, and the collector would shrink a young generation this cheap to collect back towards it
     * (its footprint goal): the goal is off, so the container keeps the sizes the local {@code -Xms} fixes here.
     */
    public static final List<String> GATEWAY_COLLECTOR = List.of(
            "-XX:+UseParallelGC", "-XX:ParallelGCThreads=2", "-XX:NewRatio=1",
            "-XX:-UseAdaptiveSizePolicyFootprintGoal");

    /**
     * The JVM options a service runs with here. Small heaps that grow on demand, so the whole platform fits a laptop —
     * except the gateway's, which is what its container gets from the base manifests and compose (1 GiB, 65 % of it as
     * heap from the start) with {@link #GATEWAY_COLLECTOR}: every request through it allocates, and a young
     * generation sized for a small heap collects every few milliseconds under load and promotes what is in flight.
     */
    public static List<String> jvmOptions(String service) {
        List<String> options = new ArrayList<>();
        if (service.equals("gateway")) {
            options.addAll(List.of("-Xms665m", "-Xmx665m"));
            options.addAll(GATEWAY_COLLECTOR);
        } else {
            options.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));
        }
        // the default JIT, not C1 only: services run here as they would in production
        options.add("-Xshare:auto");
        return options;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the readiness endpoint answers 200. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up, see " + logFile
                        + "; its last lines:\n" + tail(logFile, 30));
            }
            if (ready()) {
                log.info("{} is ready", name);
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ", see " + logFile);
    }

    public boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Graceful stop (SIGTERM: Spring's graceful shutdown drains requests); forced after the grace period. */
    public synchronized void stop(Duration grace) {
        ChildProcesses.stop(process, name, grace);
        process = null;
    }

    /** An abrupt death (SIGKILL), as a crash would be. */
    public synchronized void kill() {
        ChildProcesses.kill(process);
        process = null;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "(log unreadable: " + unreadable + ")";
        }
    }

    private static void pause() {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).join();
    }
}
