package com.luxedrive.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the server under test a core of its own and everything else — this JVM (with the embedded broker and
 * databases), the processes it started, the load generator — the other ones, with Linux's {@code taskset}. Asked for
 * with {@code BENCH_PIN=true}: on two shared cores, one Node process reading 10 000 sockets competes with the server
 * it measures, and how it competes differs between servers (docs/performance.md, Realtime); pinned, the server is
 * measured on one core and the reader never waits for it. Assumes the cores are numbered from 0 and all usable, as
 * on the benchmark machine (not in a container limited to a CPU set).
 */
final class Cores {

    /** The machine's cores, read before anything is pinned (a pinned JVM sees only its own). */
    static final int MACHINE = Runtime.getRuntime().availableProcessors();

    private final String serverCore;
    private final String otherCores;

    private Cores(String serverCore, String otherCores) {
        this.serverCore = serverCore;
        this.otherCores = otherCores;
    }

    /** The last core for the server, the others for everything else; null when there is only one core. */
    static Cores split() {
        int cores = MACHINE;
        if (cores < 2) {
            return null;
        }
        return new Cores(Integer.toString(cores - 1), cores == 2 ? "0" : "0-" + (cores - 2));
    }

    /**
     * Moves every thread of the server onto its core and every thread of this JVM and of the other processes it
     * started (and their children) onto the others; processes started afterwards by this JVM inherit the others.
     */
    void pin(long serverPid) {
        ProcessHandle self = ProcessHandle.current();
        List<Long> others = new ArrayList<>();
        others.add(self.pid());
        self.descendants().map(ProcessHandle::pid).filter(pid -> pid != serverPid).forEach(others::add);
        for (long pid : others) {
            taskset(otherCores, pid);
        }
        taskset(serverCore, serverPid);
    }

    /** The command prefix that starts a process on the cores the server does not have. */
    List<String> elsewhere() {
        return List.of("taskset", "-c", otherCores);
    }

    String describe() {
        return "server on CPU " + serverCore + ", everything else (load generator, broker, databases, other services)"
                + " on CPU " + otherCores;
    }

    private static void taskset(String cores, long pid) {
        try {
            String output = "";
            // a thread that ends while taskset goes through them fails the call: the next attempt sees the others
            for (int attempt = 0; attempt < 3; attempt++) {
                Process taskset = new ProcessBuilder("taskset", "--all-tasks", "--cpu-list", "--pid", cores,
                        Long.toString(pid)).redirectErrorStream(true).start();
                output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // a short-lived child (a database backend) may be gone by now
                if (taskset.waitFor() == 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return;
                }
            }
            throw new IllegalStateException("taskset failed for process " + pid + ": " + output);
        } catch (IOException e) {
            throw new UncheckedIOException("taskset is needed for BENCH_PIN (util-linux)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
