package com.luxedrive.testsupport;

import com.luxedrive.infra.KafkaServer;
import com.luxedrive.infra.PostgresServer;
import com.luxedrive.infra.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Real servers from Maven artifacts, in a throwaway folder: the path taken on machines without Docker. */
final class EmbeddedInfrastructure extends Infrastructure {

    private final Path directory;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final RedisServer redis;

    EmbeddedInfrastructure() {
        try {
            directory = Files.createTempDirectory("luxe-test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = PostgresServer.start(directory.resolve("postgres"), 0, false);
        kafka = KafkaServer.start(directory.resolve("kafka"), 0);
        redis = RedisServer.start(null, 0);
    }

    @Override
    public String kind() {
        return "embedded (PostgreSQL " + postgres.port() + ", Kafka " + kafka.port() + ", Redis " + redis.port() + ")";
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String username() {
        return PostgresServer.USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String redisHost() {
        return "127.0.0.1";
    }

    @Override
    public int redisPort() {
        return redis.port();
    }

    @Override
    protected String adminDatabase() {
        return "postgres";
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.restart();
    }

    /**
     * Runs in a shutdown hook, beside Spring's hooks that close the test contexts. The broker is left to end with
     * this JVM (it watches its parent), so closing consumers still find it and do not wait out their timeouts.
     */
    @Override
    protected void stop() {
        redis.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
