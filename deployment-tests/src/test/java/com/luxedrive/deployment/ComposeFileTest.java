package com.luxedrive.deployment;

import com.luxedrive.local.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} as Docker Compose reads it ({@code docker-compose config}, which needs no engine):
 * PostgreSQL, Kafka and Redis, then the five services built from the Dockerfile, each with a health check, waiting
 * for what it needs to be healthy, and given the same settings as by the local platform. The two passwords come from
 * the environment only.
 */
class ComposeFileTest {

    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "kafka", "redis");
    private static final Map<String, String> PASSWORDS = Map.of(
            "LUXE_DB_PASSWORD", "compose-test-database-password",
            "LUXE_BOOTSTRAP_ADMIN_PASSWORD", "compose-test-admin-password");
    /** Settings compose gives a service beyond the local platform's names, and why. */
    private static final Map<String, Set<String>> COMPOSE_ONLY_SETTINGS = Map.of(
            // the JVM flags the local platform gives on the command line (ServiceProcess.jvmOptions); every
            // realtime-service container by the service's name, where the local platform lists its instances
            "gateway", Set.of("JAVA_TOOL_OPTIONS", "LUXE_GATEWAY_DNS_DISCOVERY_REALTIME"));

    @TempDir
    Path temporary;

    @Test
    void runsTheFiveServicesOnPostgresqlKafkaAndRedis() {
        assertThat(services(config()).keySet())
                .containsExactlyInAnyOrderElementsOf(union(LocalPlatform.SERVICES, INFRASTRUCTURE));
    }

    @Test
    void refusesToStartWithoutThePasswordsFromTheEnvironment() {
        Tool.Result withoutDatabasePassword = compose(Map.of(
                "LUXE_BOOTSTRAP_ADMIN_PASSWORD", PASSWORDS.get("LUXE_BOOTSTRAP_ADMIN_PASSWORD")), "config");
        Tool.Result withoutAdminPassword = compose(Map.of(
                "LUXE_DB_PASSWORD", PASSWORDS.get("LUXE_DB_PASSWORD")), "config");

        assertThat(withoutDatabasePassword.exitCode()).isNotZero();
        assertThat(withoutDatabasePassword.errors()).contains("LUXE_DB_PASSWORD");
        assertThat(withoutAdminPassword.exitCode()).isNotZero();
        assertThat(withoutAdminPassword.errors()).contains("LUXE_BOOTSTRAP_ADMIN_PASSWORD");
    }

    @Test
    void everyServiceIsBuiltFromTheDockerfileAsAVersionedImageWithAMemoryLimit() {
        Map<String, Map<String, Object>> services = services(config());
        for (String name : LocalPlatform.SERVICES) {
            Map<String, Object> service = services.get(name);
            Map<String, Object> build = section(service, "build");
            assertThat(build.get("dockerfile")).as(name).isIn(null, "Dockerfile");
            assertThat(Path.of((String) build.get("context"))).as(name).isEqualTo(Project.root());
            assertThat(section(build, "args")).as(name).containsEntry("SERVICE", name);
            assertThat((String) service.get("image")).as(name)
                    .matches("luxe-drive-hub/" + name + ":\\d+\\.\\d+\\.\\d+");
            assertThat(service.get("mem_limit")).as("%s: the JVM sizes its heap from the memory limit", name)
                    .isNotNull();
        }
    }

    @Test
    void infrastructureImagesArePinnedToAVersion() {
        Map<String, Map<String, Object>> services = services(config());
        for (String name : INFRASTRUCTURE) {
            String image = (String) services.get(name).get("image");
            assertThat(image).as(name).contains(":").doesNotEndWith(":latest");
            assertThat(image.substring(image.lastIndexOf(':') + 1)).as(name).matches("\\d+\\.\\d+(\\.\\d+)?(-.*)?");
        }
    }

    @Test
    void everyContainerHasAHealthCheckAndStartsOnceWhatItNeedsIsHealthy() {
        Map<String, Map<String, Object>> services = services(config());
        for (String name : services.keySet()) {
            assertThat(healthCheck(services.get(name))).as("%s: health check", name).isNotEmpty()
                    .doesNotContain("NONE");
        }
        for (String name : LocalPlatform.SERVICES) {
            assertThat(String.join(" ", healthCheck(services.get(name))))
                    .as("%s: checks the actuator's readiness group", name).contains("/actuator/health/readiness");
            Map<String, Object> dependsOn = section(services.get(name), "depends_on");
            assertThat(dependsOn).as("%s: depends_on", name).isNotEmpty();
            dependsOn.forEach((dependency, how) -> assertThat(asMap(how, dependency).get("condition"))
                    .as("%s waits for %s", name, dependency)
                    .isIn("service_healthy", "service_started"));
        }
        for (String name : List.of("auth-service", "vehicle-service", "notification-service", "realtime-service")) {
            assertThat(healthyDependencies(services, name)).as(name).contains("postgres", "kafka");
        }
        assertThat(healthyDependencies(services, "gateway")).contains("redis", "auth-service", "vehicle-service",
                "notification-service", "realtime-service");
    }

    @Test
    void dataIsKeptInNamedVolumes() {
        Map<String, Object> config = config();
        Map<String, Map<String, Object>> services = services(config);
        Set<String> named = section(config, "volumes").keySet();

        assertThat(volumeSources(services.get("postgres"))).contains("postgres-data");
        assertThat(volumeSources(services.get("kafka"))).contains("kafka-data");
        assertThat(volumeSources(services.get("auth-service")))
                .as("auth-service keeps its generated development signing key").contains("auth-keys");
        assertThat(named).contains("postgres-data", "kafka-data", "auth-keys");
    }

    @Test
    void onlyTheGatewayIsPublished() {
        Map<String, Map<String, Object>> services = services(config());

        services.forEach((name, service) -> {
            if (name.equals("gateway")) {
                assertThat(service.get("ports")).as(name).isNotNull();
            } else {
                assertThat(service.get("ports")).as("%s is reached through the gateway only", name).isNull();
            }
        });
    }

    @Test
    void eachServiceGetsTheSettingsTheLocalPlatformGives() {
        Map<String, Map<String, Object>> services = services(config());
        Map<String, Set<String>> local = LocalPlatform.environmentNames();

        for (String name : LocalPlatform.SERVICES) {
            Set<String> given = new TreeSet<>(section(services.get(name), "environment").keySet());
            given.removeAll(COMPOSE_ONLY_SETTINGS.getOrDefault(name, Set.of()));
            assertThat(given).as("the settings of %s, compared with the local platform's", name)
                    .containsExactlyInAnyOrderElementsOf(local.get(name));
        }
    }

    @Test
    void theGatewayRunsWithTheCollectorItWasMeasuredWith() {
        Map<String, Object> gateway = services(config()).get("gateway");

        GatewayJvmFlags.assertMeasuredCollectorAndImageFlags("docker-compose.yml",
                (String) section(gateway, "environment").get("JAVA_TOOL_OPTIONS"));
    }

    /** The compose file as {@code docker-compose config} resolves it, with both passwords set. */
    private Map<String, Object> config() {
        Tool.Result result = compose(PASSWORDS, "config");
        assertThat(result.exitCode()).as("docker-compose config:\n%s", result.errors()).isZero();
        Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(result.output());
        assertThat(config).isNotNull();
        return config;
    }

    /** docker-compose on docker-compose.yml with an empty .env, so no developer's file changes what is checked. */
    private Tool.Result compose(Map<String, String> environment, String... arguments) {
        try {
            Path emptyEnvFile = Files.createTempFile(temporary, "compose", ".env");
            String[] commandLine = new String[arguments.length + 4];
            commandLine[0] = "--env-file";
            commandLine[1] = emptyEnvFile.toString();
            commandLine[2] = "-f";
            commandLine[3] = Project.file("docker-compose.yml").toString();
            System.arraycopy(arguments, 0, commandLine, 4, arguments.length);
            return Tool.DOCKER_COMPOSE.run(environment, commandLine);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> config) {
        Map<String, Map<String, Object>> services = new HashMap<>();
        section(config, "services").forEach((name, service) -> services.put(name, asMap(service, name)));
        return services;
    }

    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return asMap(parent.get(key), key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        assertThat(value).as("%s: a mapping", what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> healthCheck(Map<String, Object> service) {
        Object test = section(service, "healthcheck").get("test");
        assertThat(test).as("healthcheck.test").isInstanceOf(List.class);
        return ((List<?>) test).stream().map(String::valueOf).toList();
    }

    private static Set<String> healthyDependencies(Map<String, Map<String, Object>> services, String name) {
        Set<String> healthy = new TreeSet<>();
        section(services.get(name), "depends_on").forEach((dependency, how) -> {
            if ("service_healthy".equals(asMap(how, dependency).get("condition"))) {
                healthy.add(dependency);
            }
        });
        return healthy;
    }

    /** The volumes a service mounts ("source:target[:mode]" or the long syntax), by source. */
    private static Set<String> volumeSources(Map<String, Object> service) {
        Set<String> sources = new TreeSet<>();
        for (Object volume : (List<?>) service.get("volumes")) {
            if (volume instanceof String shortSyntax) {
                sources.add(shortSyntax.substring(0, shortSyntax.indexOf(':')));
            } else {
                sources.add(String.valueOf(asMap(volume, "volume").get("source")));
            }
        }
        return sources;
    }

    private static Set<String> union(List<String> first, Set<String> second) {
        Set<String> union = new TreeSet<>(first);
        union.addAll(second);
        return union;
    }
}
