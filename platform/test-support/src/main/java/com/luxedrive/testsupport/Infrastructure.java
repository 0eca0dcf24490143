package com.luxedrive.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real servers of this test JVM, started once on first use and shared by every test class. Which kind they are
 * is decided here and nowhere else: {@code LUXE_TEST_INFRA=docker|embedded} forces one, otherwise containers when a
 * Docker engine answers and embedded servers when none does.
 */
public abstract class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Infrastructure instance;

    public static Infrastructure get() {
        Infrastructure current = instance;
        if (current == null) {
            synchronized (Infrastructure.class) {
                current = instance;
                if (current == null) {
                    current = startChosen();
                    Runtime.getRuntime().addShutdownHook(new Thread(current::stop, "test-infrastructure-stop"));
                    instance = current;
                }
            }
        }
        return current;
    }

    private static Infrastructure startChosen() {
        String forced = System.getenv().getOrDefault("LUXE_TEST_INFRA", "").toLowerCase(Locale.ROOT);
        boolean docker = switch (forced) {
            case "docker" -> true;
            case "embedded" -> false;
            default -> dockerAnswers();
        };
        long started = System.nanoTime();
        Infrastructure infrastructure = docker ? new ContainerInfrastructure() : new EmbeddedInfrastructure();
        log.info("test infrastructure: {} started in {} ms", infrastructure.kind(),
                (System.nanoTime() - started) / 1_000_000);
        return infrastructure;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public abstract String kind();

    public abstract String jdbcUrl(String database);

    public abstract String username();

    public abstract String password();

    public abstract String kafkaBootstrapServers();

    public abstract String redisHost();

    public abstract int redisPort();

    protected abstract String adminDatabase();

    /** Takes the broker away, as an outage would; {@link #startKafka()} brings it back on the same address. */
    public abstract void stopKafka();

    public abstract void startKafka();

    protected abstract void stop();

    /** A new, empty database on the shared server. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase()), username(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }
}
