package com.luxedrive.testsupport;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Extra instances of a service inside a test, on the shared servers: a replica beside the test's own context, or a
 * service that is stopped and started again on the same database (a restart after a crash).
 */
public final class ServiceInstances {

    private ServiceInstances() {
    }

    /** The properties that point a service at the shared servers, with {@code database} and a fresh consumer group. */
    public static Map<String, Object> properties(String database) {
        Infrastructure infrastructure = Infrastructure.get();
        return Map.ofEntries(
                Map.entry("spring.datasource.url", infrastructure.jdbcUrl(database)),
                Map.entry("spring.datasource.username", infrastructure.username()),
                Map.entry("spring.datasource.password", infrastructure.password()),
                Map.entry("spring.test.database.replace", "none"),
                Map.entry("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers()),
                Map.entry("spring.kafka.consumer.group-id", "test-" + UUID.randomUUID()),
                Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
                Map.entry("spring.data.redis.host", infrastructure.redisHost()),
                Map.entry("spring.data.redis.port", infrastructure.redisPort()),
                Map.entry("luxe.security.jwt.jwks-uri", TestTokens.jwksUri()),
                Map.entry("luxe.messaging.poll-interval", "200ms"));
    }

    /** A running instance of {@code application} on {@code database} (see {@link Infrastructure#createDatabase}). */
    public static ConfigurableApplicationContext start(Class<?> application, String database) {
        return start(application, database, Map.of());
    }

    /** As {@link #start(Class, String)}, with {@code extra} properties over the shared ones. */
    public static ConfigurableApplicationContext start(Class<?> application, String database,
                                                       Map<String, ?> extra) {
        Map<String, Object> properties = new HashMap<>(properties(database));
        properties.put("server.port", 0);
        properties.putAll(extra);
        // as command-line arguments, so they win over the service's application.yml as in the test's own context
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).run(arguments);
    }
}
