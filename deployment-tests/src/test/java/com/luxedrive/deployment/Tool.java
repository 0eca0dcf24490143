package com.luxedrive.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A command of the deployment toolchain, run in the repository root. A missing tool fails the test with how to get it:
 * these checks are never skipped.
 */
record Tool(String command, String howToInstall) {

    static final Tool KUBECTL = new Tool("kubectl",
            ".ci/run installs it; locally, any kubectl 1.27 or newer (its built-in kustomize renders offline)");
    static final Tool DOCKER_COMPOSE = new Tool("docker-compose",
            ".ci/run installs it (apt-get install docker-compose: 1.29 checks a compose file without a Docker engine)");
    static final Tool JAVA = new Tool(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "the JDK running these tests");

    private static final long TIMEOUT_SECONDS = 120;

    /** What a command printed, and how it ended. */
    record Result(int exitCode, String output, String errors) {
    }

    /** Runs the command and returns what it printed; a failure fails the test with its error output. */
    String output(String... arguments) {
        Result result = run(Map.of(), arguments);
        if (result.exitCode() != 0) {
            fail(command + " " + String.join(" ", arguments) + " exited with " + result.exitCode() + ":\n"
                    + result.errors());
        }
        return result.output();
    }

    /**
     * Runs the command with the caller's environment less every LUXE_* variable (a developer's own settings must not
     * change what is checked), plus {@code environment}.
     */
    Result run(Map<String, String> environment, String... arguments) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(command);
        commandLine.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(Project.root().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LUXE_"));
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("tool-out", ".txt");
            Path err = Files.createTempFile("tool-err", ".txt");
            try {
                Process process;
                try {
                    process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                } catch (IOException notFound) {
                    return fail(command + " is not installed or not on the PATH: " + howToInstall, notFound);
                }
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return fail(command + " " + String.join(" ", arguments) + " did not finish within "
                            + TIMEOUT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
