package com.luxedrive.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same servers as containers, where a Docker engine answers (developer laptops, hosted CI). */
final class ContainerInfrastructure extends Infrastructure {

    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:18-alpine")
            .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    private final GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);

    ContainerInfrastructure() {
        postgres.start();
        kafka.start();
        redis.start();
    }

    @Override
    public String kind() {
        return "containers";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String redisHost() {
        return redis.getHost();
    }

    @Override
    public int redisPort() {
        return redis.getMappedPort(6379);
    }

    @Override
    protected String adminDatabase() {
        return postgres.getDatabaseName();
    }

    /** Paused rather than stopped, so it comes back on the same mapped port. */
    @Override
    public void stopKafka() {
        kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startKafka() {
        kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    protected void stop() {
        redis.stop();
        kafka.stop();
        postgres.stop();
    }
}
