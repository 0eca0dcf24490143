package com.luxedrive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    private final Map<String, Sample> start;
    private final long startNanos;

    /** A process ({@code thread} null) or one of a service's threads, by name less its number. */
    private record Sample(String what, String thread, double seconds) {
    }

    private CpuUse(Path data, Map<String, Sample> start, long startNanos) {
        this.data = data;
        this.start = start;
        this.startNanos = startNanos;
    }

    /** @param data the local platform's data directory */
    static CpuUse start(Path data) {
        return new CpuUse(data, sample(data), System.nanoTime());
    }

    /**
     * CPU-seconds by kind of process since {@link #start(Path)}, and the wall time, as one line; then by thread (JIT
     * compiler threads included) the busiest service's, and those of any other that used 0.2 CPU-s or more.
     */
    String report() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> used = new TreeMap<>();
        Map<String, Map<String, Double>> threads = new TreeMap<>();
        sample(data).forEach((id, now) -> {
            double spent = now.seconds() - (start.containsKey(id) ? start.get(id).seconds() : 0);
            if (now.thread() == null) {
                used.merge(now.what(), spent, Double::sum);
            } else {
                threads.computeIfAbsent(now.what(), what -> new TreeMap<>()).merge(now.thread(), spent, Double::sum);
            }
        });
        // by thread: the busiest service, and any other that used a fifth of a CPU-second or more
        List<String> services = used.entrySet().stream().filter(entry -> threads.containsKey(entry.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        String byThread = services.stream()
                .filter(service -> service.equals(services.get(0)) || used.get(service) >= 0.2)
                .map(service -> "; " + service + " by thread: " + largestFirst(threads.get(service), 6))
                .collect(Collectors.joining());
        return String.format(Locale.ROOT, "CPU-s over %.1f s on %d cores: ", wall,
                Cores.MACHINE) + largestFirst(used, 10) + byThread;
    }

    private static String largestFirst(Map<String, Double> seconds, int limit) {
        return seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** User plus system CPU time of a process, in seconds. */
    static double cpuSeconds(long pid) throws IOException {
        return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** From a process's or a thread's {@code stat} file: utime plus stime, in clock ticks of 10 ms. */
    private static double cpuSeconds(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static Map<String, Sample> sample(Path data) {
        Map<String, Sample> samples = new TreeMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), postgresServers(data))
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .forEach(process -> {
                    try {
                        String what = what(process);
                        samples.putIfAbsent(Long.toString(process.pid()),
                                new Sample(what, null, cpuSeconds(process.pid())));
                        if (what.endsWith("-service") || what.equals("gateway")) {
                            threads(process.pid(), what, samples);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // ended between the listing and the read: its time is not counted
                    }
                });
        return samples;
    }

    private static void threads(long pid, String what, Map<String, Sample> samples) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[-\\d]+$", "");
                    samples.put(pid + "/" + task.getFileName(),
                            new Sample(what, name, cpuSeconds(task.resolve("stat"))));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        }
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

    /**
     * The process's whole command line, "" once it has exited: {@code ProcessHandle.Info} cuts a long one (a Kafka
     * child's class path) short.
     */
    static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private static String what(ProcessHandle process) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "load generator";
        }
        String command = commandLine(process);
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
