package com.luxedrive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A profile of one service over a benchmark's measured phase only (a recording started with the JVM holds mostly
 * start-up and warm-up), started and stopped through {@code jcmd}, the JDK's own tool, on the service's process: a
 * JFR recording with its {@code profile} settings, or, for a file not ending in {@code .jfr}, async-profiler's CPU
 * samples (1 ms, per thread) in collapsed-stack form — Java, JVM and kernel frames, so time spent in system calls
 * shows — with the library named by {@code bench.async-profiler} (Maven Central
 * {@code tools.profiler:async-profiler:4.2:linux-x64}, unpacked).
 */
final class Profiler {

    /** Stops the profile and writes its file; does nothing for a profile not asked for. */
    interface Profile {
        void stop() throws IOException, InterruptedException;
    }

    private Profiler() {
    }

    /**
     * Starts profiling {@code service} (a process this JVM started, named by its jar) into {@code file}; nothing
     * when {@code file} is blank.
     */
    static Profile start(String service, String file) throws IOException, InterruptedException {
        if (file == null || file.isBlank()) {
            return () -> { };
        }
        ProcessHandle target = ProcessHandle.current().descendants()
                .filter(process -> CpuUse.commandLine(process).contains("/" + service + ".jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process runs " + service));
        if (file.endsWith(".jfr")) {
            jcmd(target, "JFR.start", "name=bench", "settings=profile");
            return () -> jcmd(target, "JFR.stop", "name=bench", "filename=" + file);
        }
        String library = System.getProperty("bench.async-profiler", "");
        if (library.isBlank()) {
            throw new IllegalStateException("a profile other than .jfr needs -Dbench.async-profiler=<library>");
        }
        // the agent's options in quotes, or jcmd's parser cuts them at the commas
        jcmd(target, "JVMTI.agent_load", library, "\"start,event=cpu,interval=1ms,threads\"");
        return () -> jcmd(target, "JVMTI.agent_load", library, "\"stop,file=" + file + "\"");
    }

    private static void jcmd(ProcessHandle target, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(target.pid())));
        line.addAll(List.of(command));
        Process started = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // an agent that fails to load or start says so in its return code, while jcmd itself exits with 0
        if (!started.waitFor(30, TimeUnit.SECONDS) || started.exitValue() != 0
                || (output.contains("return code:") && !output.contains("return code: 0"))) {
            throw new IllegalStateException("jcmd " + command[0] + " failed for pid " + target.pid() + ": " + output);
        }
    }
}
