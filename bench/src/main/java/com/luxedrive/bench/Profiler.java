package com.luxedrive.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording of one service over a benchmark's measured phase only (a recording started with the JVM holds
 * mostly start-up and warm-up). Started through {@code jcmd}, the JDK's own tool, on the service's process.
 */
final class Profiler {

    private Profiler() {
    }

    /**
     * Records {@code service} (a process this JVM started, named by its jar) for {@code duration} into
     * {@code file}, with JFR's {@code profile} settings. Does nothing when {@code file} is blank.
     */
    static void record(String service, Duration duration, String file) throws IOException, InterruptedException {
        if (file == null || file.isBlank()) {
            return;
        }
        ProcessHandle target = ProcessHandle.current().descendants()
                .filter(process -> CpuUse.commandLine(process).contains("/" + service + ".jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process runs " + service));
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process started = new ProcessBuilder(jcmd.toString(), Long.toString(target.pid()), "JFR.start",
                "name=bench", "settings=profile", "duration=" + duration.toSeconds() + "s", "filename=" + file)
                .inheritIO().start();
        if (!started.waitFor(30, TimeUnit.SECONDS) || started.exitValue() != 0) {
            throw new IllegalStateException("jcmd JFR.start failed for " + service);
        }
    }
}
