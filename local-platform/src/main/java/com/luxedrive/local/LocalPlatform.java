package com.luxedrive.local;

import com.luxedrive.infra.FreePorts;
import com.luxedrive.infra.KafkaServer;
import com.luxedrive.infra.PostgresServer;
import com.luxedrive.infra.RedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The whole platform on this machine: embedded PostgreSQL, Kafka and Redis keeping their data under
 * {@code dataDirectory}, then the five services as separate processes. Used by {@code ./run-local.sh} and by the
 * system tests, which give it a throwaway folder and free ports.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);
    static final List<String> DATABASES = List.of("auth", "vehicle", "notification", "realtime");
    /** Settings of the caller's environment every service gets, e.g. {@code SPRING_PROFILES_ACTIVE=json}, JVM options. */
    private static final List<String> PASSED_THROUGH = List.of("SPRING_PROFILES_ACTIVE", "SPRING_APPLICATION_JSON",
            "JAVA_TOOL_OPTIONS");
    public static final List<String> SERVICES = List.of("auth-service", "vehicle-service", "notification-service",
            "realtime-service", "gateway");
    /**
     * Generous: the scaled platform starts nine JVMs at once, and on a slow shared two-core host their first, cold
     * start took 3 to over 4 minutes (CI on a fresh clone, 2026-11-28); a service that is really stuck still fails.
     */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path projectRoot;
    private final Path dataDirectory;
    private final Ports ports;
    private final Map<String, String> environment;
    private final Map<String, Integer> replicas;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, List<String>> instanceUrls = new LinkedHashMap<>();
    private PostgresServer postgres;
    private KafkaServer kafka;
    private RedisServer redis;
    private AdminCredentials admin;

    /**
     * @param projectRoot   where the service jars were built ({@code <service>/target/<service>.jar})
     * @param dataDirectory where data and logs go; kept across starts
     * @param environment   the caller's environment: its admin login wins over the generated dev one
     */
    public LocalPlatform(Path projectRoot, Path dataDirectory, Ports ports, Map<String, String> environment) {
        this(projectRoot, dataDirectory, ports, environment, Map.of());
    }

    /**
     * A scaled-out platform: {@code replicas} gives how many instances of a service run (one unless named). The first
     * instance of each service is on its port from {@link Ports} and is named like the service; the others are on
     * free ports and named {@code <service>-2}, {@code <service>-3}… Every gateway balances over every instance of
     * each service; realtime-service reaches its peers on their first instance (a Kubernetes Service in the cluster).
     */
    public LocalPlatform(Path projectRoot, Path dataDirectory, Ports ports, Map<String, String> environment,
                         Map<String, Integer> replicas) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.ports = ports;
        this.environment = Map.copyOf(environment);
        replicas.forEach((service, count) -> {
            if (!SERVICES.contains(service) || count < 1) {
                throw new IllegalArgumentException("replicas: " + service + "=" + count);
            }
        });
        this.replicas = Map.copyOf(replicas);
    }

    /** Starts the infrastructure and every service. */
    public LocalPlatform start() {
        return start(SERVICES);
    }

    /** Starts the infrastructure and the named services only (benchmarks of one service). */
    public LocalPlatform start(Collection<String> only) {
        checkPortsFree();
        checkJars();
        try {
            Files.createDirectories(dataDirectory.resolve("logs"));
            Files.createDirectories(dataDirectory.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            admin = AdminCredentials.loadOrCreate(dataDirectory.resolve("dev-admin.properties"), environment);
            postgres = PostgresServer.start(dataDirectory.resolve("postgres"), ports.postgres(), true);
            DATABASES.forEach(postgres::createDatabaseIfMissing);
            kafka = KafkaServer.start(dataDirectory.resolve("kafka"), ports.kafka());
            redis = RedisServer.start(dataDirectory.resolve("redis"), ports.redis());
            log.info("infrastructure up: PostgreSQL {}, Kafka {}, Redis {}", postgres.port(), kafka.port(),
                    redis.port());

            define();
            services.values().removeIf(service -> !only.contains(service.service()));
            services.values().forEach(ServiceProcess::start);
            CompletableFuture.allOf(services.values().stream()
                            .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY_TIMEOUT)))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (RuntimeException failed) {
            // nothing left running when start-up fails: the caller never gets a platform to close
            close();
            throw failed;
        }
        return this;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gateway();
    }

    /** The base URL of every instance of a service, the first one first. */
    public List<String> instanceUrls(String service) {
        return List.copyOf(instanceUrls.getOrDefault(service, List.of()));
    }

    /** Every instance of a service, the first one first. */
    public List<ServiceProcess> instances(String service) {
        return services.values().stream().filter(process -> process.service().equals(service)).toList();
    }

    /**
     * Kills PostgreSQL (SIGKILL, no checkpoint) and starts it again on the same port and data: the services see
     * their connections break and must find the database again by themselves.
     */
    public synchronized void restartPostgresAbruptly() {
        postgres.crash();
        postgres = PostgresServer.start(dataDirectory.resolve("postgres"), ports.postgres(), true);
    }

    public Ports ports() {
        return ports;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    public AdminCredentials admin() {
        return admin;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " (have " + services.keySet() + ")");
        }
        return service;
    }

    /** The broker, for tests that stop or kill it. */
    public KafkaServer kafka() {
        return kafka;
    }

    /** Stops the gateway, then the services, then the infrastructure; safe to call twice. */
    @Override
    public synchronized void close() {
        List<ServiceProcess> reverse = new ArrayList<>(services.values());
        java.util.Collections.reverse(reverse);
        if (!reverse.isEmpty()) {
            reverse.get(0).stop(STOP_GRACE);
            CompletableFuture.allOf(reverse.stream().skip(1)
                    .map(service -> CompletableFuture.runAsync(() -> service.stop(STOP_GRACE)))
                    .toArray(CompletableFuture[]::new)).join();
        }
        services.clear();
        instanceUrls.clear();
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private void define() {
        Map<String, List<Ports>> instancePorts = new LinkedHashMap<>();
        for (String service : SERVICES) {
            List<Ports> each = new ArrayList<>(List.of(ports));
            for (int i = 1; i < replicas.getOrDefault(service, 1); i++) {
                each.add(ports.anotherInstance());
            }
            instancePorts.put(service, each);
            instanceUrls.put(service, each.stream().map(own -> local(servicePort(service, own))).toList());
        }
        Map<String, String> balanced = balancedInstances();
        Map<String, Map<String, String>> environments = environments(ports, postgres::jdbcUrl,
                kafka.bootstrapServers(), dataDirectory.resolve("keys").resolve("jwt-signing-key.pem"), admin);
        for (String service : SERVICES) {
            List<Ports> each = instancePorts.get(service);
            for (int i = 0; i < each.size(); i++) {
                // the same settings, peers on their first instance, only the instance's own ports differ
                Map<String, String> env = new HashMap<>(environments.get(service));
                env.putAll(ownPorts(service, each.get(i)));
                if (service.equals("gateway")) {
                    env.putAll(balanced);
                }
                add(service, i == 0 ? service : service + "-" + (i + 1), env, actuatorPort(service, each.get(i)));
            }
        }
    }

    private static Map<String, String> ownPorts(String service, Ports own) {
        return switch (service) {
            case "auth-service" -> Map.of("AUTH_SERVICE_PORT", port(own.auth()));
            case "vehicle-service" -> Map.of("VEHICLE_SERVICE_PORT", port(own.vehicle()));
            case "notification-service" -> Map.of("NOTIFICATION_SERVICE_PORT", port(own.notification()));
            case "realtime-service" -> Map.of("REALTIME_SERVICE_PORT", port(own.realtime()),
                    "REALTIME_SERVICE_MANAGEMENT_PORT", port(own.realtimeManagement()));
            case "gateway" -> Map.of("GATEWAY_PORT", port(own.gateway()),
                    "GATEWAY_MANAGEMENT_PORT", port(own.gatewayManagement()));
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    /**
     * The gateway's instance lists (Spring Cloud's simple discovery client) when a service runs more than once. A
     * list given in the environment replaces the configured one whole, so every instance is listed.
     */
    private Map<String, String> balancedInstances() {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> discoveryNames = Map.of("auth-service", "AUTH", "vehicle-service", "VEHICLE",
                "notification-service", "NOTIFICATION", "realtime-service", "REALTIME");
        discoveryNames.forEach((service, name) -> {
            List<String> urls = instanceUrls.get(service);
            if (urls.size() < 2) {
                return;
            }
            for (int i = 0; i < urls.size(); i++) {
                String prefix = "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_" + name + "_" + i + "_";
                env.put(prefix + "URI", urls.get(i));
                // a Socket.IO session id points at its realtime instance by this (gateway SocketSessionIds)
                env.put(prefix + "INSTANCEID", name.toLowerCase(Locale.ROOT) + "-" + i);
            }
        });
        return env;
    }

    /**
     * The names of the settings each service gets, by service: docker-compose.yml and k8s/ give the same ones (the
     * deployment tests compare them), only the values differ.
     */
    public static Map<String, Set<String>> environmentNames() {
        Ports defaults = Ports.fromEnvironment(Map.of());
        Map<String, Set<String>> names = new LinkedHashMap<>();
        environments(defaults, database -> "jdbc:postgresql://127.0.0.1/" + database, "127.0.0.1:" + defaults.kafka(),
                Path.of("jwt-signing-key.pem"), new AdminCredentials("admin@luxedrive.local", "unused"))
                .forEach((service, env) -> names.put(service, Set.copyOf(env.keySet())));
        return names;
    }

    /** Settings of the caller's environment that every service gets when the caller has them. */
    public static List<String> passedThrough() {
        return PASSED_THROUGH;
    }

    /** What each service is given, in start order: its port, its infrastructure, where its peers are. */
    private static Map<String, Map<String, String>> environments(Ports ports, Function<String, String> jdbcUrl,
                                                                 String kafkaBootstrapServers, Path signingKey,
                                                                 AdminCredentials admin) {
        String jwks = local(ports.auth()) + "/api/auth/.well-known/jwks.json";
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        environments.put("auth-service", withDatabaseAndKafka(jdbcUrl.apply("auth"), kafkaBootstrapServers, Map.of(
                "AUTH_SERVICE_PORT", port(ports.auth()),
                "LUXE_AUTH_JWT_KEY_FILE", signingKey.toString(),
                "LUXE_AUTH_JWT_GENERATE_MISSING_KEY", "true",
                "LUXE_BOOTSTRAP_ADMIN_EMAIL", admin.email(),
                "LUXE_BOOTSTRAP_ADMIN_PASSWORD", admin.password())));
        environments.put("vehicle-service", withDatabaseAndKafka(jdbcUrl.apply("vehicle"), kafkaBootstrapServers,
                Map.of(
                        "VEHICLE_SERVICE_PORT", port(ports.vehicle()),
                        "LUXE_JWKS_URI", jwks)));
        environments.put("notification-service", withDatabaseAndKafka(jdbcUrl.apply("notification"),
                kafkaBootstrapServers, Map.of(
                        "NOTIFICATION_SERVICE_PORT", port(ports.notification()),
                        "LUXE_JWKS_URI", jwks)));
        environments.put("realtime-service", withDatabaseAndKafka(jdbcUrl.apply("realtime"), kafkaBootstrapServers,
                Map.of(
                        "REALTIME_SERVICE_PORT", port(ports.realtime()),
                        "REALTIME_SERVICE_MANAGEMENT_PORT", port(ports.realtimeManagement()),
                        "REALTIME_SOCKET_HOST", "127.0.0.1",
                        "LUXE_JWKS_URI", jwks,
                        "VEHICLE_SERVICE_URL", local(ports.vehicle()),
                        "NOTIFICATION_SERVICE_URL", local(ports.notification()))));
        environments.put("gateway", Map.of(
                "GATEWAY_PORT", port(ports.gateway()),
                "GATEWAY_MANAGEMENT_PORT", port(ports.gatewayManagement()),
                "LUXE_JWKS_URI", jwks,
                "AUTH_SERVICE_URL", local(ports.auth()),
                "VEHICLE_SERVICE_URL", local(ports.vehicle()),
                "NOTIFICATION_SERVICE_URL", local(ports.notification()),
                "REALTIME_SERVICE_URL", local(ports.realtime()),
                "REALTIME_SERVICE_MANAGEMENT_URL", local(ports.realtimeManagement()),
                "SPRING_DATA_REDIS_HOST", "127.0.0.1",
                "SPRING_DATA_REDIS_PORT", port(ports.redis())));
        return environments;
    }

    /** A service with a database of its own on the platform's PostgreSQL, publishing and consuming on Kafka. */
    private static Map<String, String> withDatabaseAndKafka(String jdbcUrl, String kafkaBootstrapServers,
                                                            Map<String, String> own) {
        Map<String, String> env = new HashMap<>(own);
        env.put("LUXE_DB_URL", jdbcUrl);
        env.put("LUXE_DB_USERNAME", PostgresServer.USER);
        env.put("LUXE_DB_PASSWORD", "");
        env.put("LUXE_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        return env;
    }

    private void add(String service, String name, Map<String, String> own, int actuatorPort) {
        Map<String, String> env = new HashMap<>(own);
        PASSED_THROUGH.stream().filter(environment::containsKey).forEach(key -> env.put(key, environment.get(key)));
        URI readiness = URI.create(local(actuatorPort) + "/actuator/health/readiness");
        services.put(name, new ServiceProcess(service, name, jar(service), env,
                logDirectory().resolve(name + ".log"), readiness, URI.create(local(actuatorPort))));
    }

    private static int actuatorPort(String service, Ports ports) {
        return switch (service) {
            case "realtime-service" -> ports.realtimeManagement();
            case "gateway" -> ports.gatewayManagement();
            default -> servicePort(service, ports);
        };
    }

    private static int servicePort(String service, Ports ports) {
        return switch (service) {
            case "auth-service" -> ports.auth();
            case "vehicle-service" -> ports.vehicle();
            case "notification-service" -> ports.notification();
            case "realtime-service" -> ports.realtime();
            case "gateway" -> ports.gateway();
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    private Path jar(String service) {
        return projectRoot.resolve(service).resolve("target").resolve(service + ".jar");
    }

    private void checkJars() {
        for (String service : SERVICES) {
            if (!Files.isRegularFile(jar(service))) {
                throw new IllegalStateException(jar(service) + " is missing: build with ./mvnw -DskipTests package");
            }
        }
    }

    private void checkPortsFree() {
        List<String> taken = ports.byName().entrySet().stream()
                .filter(entry -> FreePorts.inUse(entry.getValue()))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .sorted()
                .toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + taken
                    + " (another platform running? stop it, or set these variables to free ports)");
        }
    }

    private static String local(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static String port(int port) {
        return Integer.toString(port);
    }

    /** The first admin's login: the environment's if it has one, else a dev one generated once and kept. */
    public record AdminCredentials(String email, String password) {

        static AdminCredentials loadOrCreate(Path file, Map<String, String> environment) {
            String email = environment.get("LUXE_BOOTSTRAP_ADMIN_EMAIL");
            String password = environment.get("LUXE_BOOTSTRAP_ADMIN_PASSWORD");
            if (email != null && !email.isBlank() && password != null && !password.isBlank()) {
                return new AdminCredentials(email, password);
            }
            Properties stored = new Properties();
            try {
                if (Files.exists(file)) {
                    try (var in = Files.newInputStream(file)) {
                        stored.load(in);
                    }
                } else {
                    byte[] random = new byte[18];
                    new SecureRandom().nextBytes(random);
                    stored.setProperty("email", "admin@luxedrive.local");
                    stored.setProperty("password", Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                    Files.createDirectories(file.getParent());
                    try (var out = Files.newOutputStream(file)) {
                        stored.store(out, "Local development admin, generated on first start");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new AdminCredentials(stored.getProperty("email"), stored.getProperty("password"));
        }
    }
}
