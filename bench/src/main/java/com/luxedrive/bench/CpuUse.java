package com.luxedrive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a benchmark's CPU went: user plus system time (from /proc, Linux) of this JVM (the load generator), of every
 * process it started (services, Kafka, Redis) and of the PostgreSQL servers whose data lives under the platform's data
 * directory (their postmaster detaches from its starter), with their backends, grouped by what each process is.
 */
final class CpuUse {

    private final Path data;
    private final Map<Long, Sample> start;
    private final long startNanos;

    private record Sample(String what, double seconds) {
    }

    private CpuUse(Path data, Map<Long, Sample> start, long startNanos) {
        this.data = data;
        this.start = start;
        this.startNanos = startNanos;
    }

    /** @param data the local platform's data directory */
    static CpuUse start(Path data) {
        return new CpuUse(data, sample(data), System.nanoTime());
    }

    /** CPU-seconds by kind of process since {@link #start()}, and the wall time, as one line. */
    String report() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> used = new TreeMap<>();
        sample(data).forEach((pid, now) -> used.merge(now.what(),
                now.seconds() - (start.containsKey(pid) ? start.get(pid).seconds() : 0), Double::sum));
        return String.format(Locale.ROOT, "CPU-s over %.1f s on %d cores: ", wall,
                Runtime.getRuntime().availableProcessors())
                + used.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** User plus system CPU time of a process, in seconds. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static Map<Long, Sample> sample(Path data) {
        Map<Long, Sample> samples = new TreeMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), postgresServers(data))
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .forEach(process -> {
                    try {
                        samples.putIfAbsent(process.pid(), new Sample(what(process), cpuSeconds(process.pid())));
                    } catch (IOException | RuntimeException gone) {
                        // ended between the listing and the read: its time is not counted
                    }
                });
        return samples;
    }

    /** The postmasters named by the {@code postmaster.pid} files under {@code data}. */
    private static Stream<ProcessHandle> postgresServers(Path data) {
        try (Stream<Path> files = Files.find(data, 4, (path, attributes) -> path.endsWith("postmaster.pid"))) {
            return files.map(CpuUse::firstLine).flatMap(pid -> ProcessHandle.of(pid).stream()).toList().stream();
        } catch (IOException | RuntimeException unreadable) {
            return Stream.empty();
        }
    }

    private static long firstLine(Path pidFile) {
        try {
            return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String what(ProcessHandle process) throws IOException {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "load generator";
        }
        // the whole command line: ProcessHandle.Info cuts a long one (a Kafka child's class path) short
        String command = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                .replace('\0', ' ');
        if (command.contains("KafkaMain")) {
            return "Kafka";
        }
        for (String service : new String[]{"auth-service", "vehicle-service", "notification-service",
                "realtime-service", "gateway"}) {
            if (command.contains("/" + service + "-") || command.contains("/" + service + "/")) {
                return service;
            }
        }
        if (command.startsWith("postgres") || command.contains("/bin/postgres ")) {
            return "PostgreSQL";
        }
        if (command.contains("redis")) {
            return "Redis";
        }
        return command.isBlank() ? "other" : Path.of(command.split(" ")[0]).getFileName().toString();
    }
}
