package com.luxedrive.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run from the Kafka jars on this
 * JVM's classpath as a child process, so it can be stopped, killed and restarted on the same log directory.
 */
public final class KafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final int port;
    private Process process;

    private KafkaServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a broker on {@code port} (0: any free port) keeping its logs under {@code directory}. */
    public static KafkaServer start(Path directory, int port) {
        KafkaServer server = new KafkaServer(directory.toAbsolutePath(), FreePorts.orFree(port));
        server.startProcess();
        return server;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker again on the same port and logs, after {@link #stop()} or {@link #kill()}. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("Kafka is still running");
        }
        startProcess();
    }

    /** Controlled shutdown, as an operator would do it. */
    public synchronized void stop() {
        ChildProcesses.stop(process, "Kafka", Duration.ofSeconds(30));
        process = null;
    }

    /** An abrupt death, as a crash would be. */
    public synchronized void kill() {
        ChildProcesses.kill(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startProcess() {
        try {
            Files.createDirectories(directory);
            Path config = writeConfig(FreePorts.pick());
            Path logs = directory.resolve("logs");
            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(config);
            }
            process = java(List.of(KafkaMain.class.getName(), config.toString()), directory.resolve("kafka.log"));
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start in " + directory, e);
        }
    }

    private Path writeConfig(int controllerPort) throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("logs"),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=168",
                "");
        Path file = directory.resolve("server.properties");
        Files.writeString(file, config);
        Path logback = directory.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                </configuration>
                """);
        return file;
    }

    private void format(Path config) throws IOException {
        Process formatting = java(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()), directory.resolve("format.log"));
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed, see " + directory.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Process java(List<String> mainAndArgs, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ", see "
                            + directory.resolve("kafka.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        log.info("Kafka ready on {}", bootstrapServers());
                        return;
                    }
                } catch (Exception notYet) {
                    log.debug("Kafka not ready yet: {}", notYet.toString());
                }
            }
        }
        throw new IllegalStateException("Kafka not ready after " + READY_TIMEOUT + ", see " + directory.resolve("kafka.log"));
    }
}
