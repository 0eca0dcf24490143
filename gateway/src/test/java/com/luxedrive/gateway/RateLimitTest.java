package com.luxedrive.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.ServiceInstances;
import com.luxedrive.testsupport.TestTokens;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits counted in Redis hold across two gateway replicas, per user and per client address; a refusal is a 429
 * problem with Retry-After; with Redis unreachable or stalled requests pass and the failure is counted. Each test
 * calls from an address of its own ({@code X-Forwarded-For}, its right-most entry trusted here as behind the ingress)
 * so buckets never carry over.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "luxe.gateway.trusted-hops=1",
        "luxe.gateway.rate-limit.user.requests=3", "luxe.gateway.rate-limit.user.burst=3",
        "luxe.gateway.rate-limit.anonymous.requests=4", "luxe.gateway.rate-limit.anonymous.burst=4",
        "luxe.gateway.rate-limit.login.requests=2", "luxe.gateway.rate-limit.login.burst=2",
        "luxe.gateway.rate-limit.refresh.requests=3", "luxe.gateway.rate-limit.refresh.burst=3"})
@AutoConfigureWebTestClient
class RateLimitTest {

    private static final WireMockServer BACKEND = new WireMockServer(options().dynamicPort());
    private static ConfigurableApplicationContext secondReplica;
    private static WebTestClient second;

    @Autowired
    WebTestClient first;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.data.redis.port}")
    int redisPort;

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        BACKEND.start();
        BACKEND.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        backendProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void startSecondReplica() {
        Map<String, Object> properties = new HashMap<>(ServiceInstances.properties("unused"));
        properties.putAll(backendProperties());
        properties.put("luxe.gateway.trusted-hops", 1);
        properties.put("luxe.gateway.rate-limit.user.requests", 3);
        properties.put("luxe.gateway.rate-limit.user.burst", 3);
        properties.put("luxe.gateway.rate-limit.login.requests", 2);
        properties.put("luxe.gateway.rate-limit.login.burst", 2);
        properties.put("luxe.gateway.rate-limit.refresh.requests", 3);
        properties.put("luxe.gateway.rate-limit.refresh.burst", 3);
        secondReplica = start(properties);
        second = client(secondReplica);
    }

    @AfterAll
    static void stop() {
        if (secondReplica != null) {
            secondReplica.close();
        }
        BACKEND.stop();
    }

    @Test
    void aUserMeetsOneLimitAcrossBothReplicas() {
        String token = "Bearer " + TestTokens.client(UUID.randomUUID());
        String address = randomAddress();
        call(first, token, address).expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", "3")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "2");
        call(second, token, address).expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "1");
        call(first, token, address).expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0");

        call(second, token, address).expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().value("Retry-After", retryAfter -> assertThat(Long.parseLong(retryAfter))
                        .as("one request in 1200 s at 3 an hour").isBetween(1000L, 1200L))
                .expectBody().jsonPath("$.type").isEqualTo("https://luxedrive.example/problems/rate-limited");
        call(first, token, address).expectStatus().isEqualTo(429);

        String otherUser = "Bearer " + TestTokens.client(UUID.randomUUID());
        call(first, otherUser, address).expectStatus().isOk();
    }

    @Test
    void loginIsLimitedPerClientAddressAcrossBothReplicas() {
        String address = randomAddress();
        login(first, address).expectStatus().isOk();
        login(second, address).expectStatus().isOk();
        login(first, address).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        login(second, address).expectStatus().isEqualTo(429);

        login(second, randomAddress()).expectStatus().isOk();
    }

    /**
     * Refreshes have a bucket of their own: an address shared by many signed-in apps (a carrier's, an office's) used
     * to spend its login bucket on their refreshes every 15 minutes, and its apps were signed out on a 429.
     */
    @Test
    void refreshesHaveABucketOfTheirOwnAndLeaveTheLoginsAlone() {
        String address = randomAddress();
        for (int call = 0; call < 3; call++) {
            refresh(call % 2 == 0 ? first : second, address).expectStatus().isOk();
        }
        refresh(first, address).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");

        login(first, address).expectStatus().isOk();
        login(second, address).expectStatus().isOk();
        login(first, address).expectStatus().isEqualTo(429);
    }

    /**
     * Behind the ingress the client's address is the right-most {@code X-Forwarded-For} entry, the one the ingress
     * wrote: entries a client puts left of it, a {@code Forwarded} header or an {@code X-Forwarded-Prefix} change
     * neither its bucket nor its route, and the service gets that one address.
     */
    @Test
    void aClientCannotChooseItsAddressOrItsRouteWithForwardingHeaders() {
        String address = randomAddress();
        for (int call = 0; call < 2; call++) {
            first.post().uri("/api/auth/login").header("X-Forwarded-For", randomAddress() + ", " + address)
                    .header("Forwarded", "for=" + randomAddress()).bodyValue("{}")
                    .exchange().expectStatus().isOk();
        }
        login(first, address).expectStatus().isEqualTo(429);

        String path = "/socket.io/" + UUID.randomUUID();
        first.post().uri(path).header("X-Forwarded-For", randomAddress() + "," + address)
                .header("X-Forwarded-Prefix", "/api/notifications").bodyValue("{}")
                .exchange().expectStatus().isOk();
        LoggedRequest proxied = BACKEND.findAll(postRequestedFor(anyUrl())).stream()
                .filter(request -> request.getUrl().contains(path)).findFirst().orElseThrow();
        assertThat(proxied.getUrl()).as("the route the path chose, with no prefix").isEqualTo(path);
        assertThat(proxied.getHeader("X-Forwarded-For")).isEqualTo(address);
        assertThat(proxied.containsHeader("X-Forwarded-Prefix")).isFalse();
        assertThat(proxied.containsHeader("Forwarded")).isFalse();
    }

    /** A login written with escapes is still a login (auth-service decodes the path): the login limit, not another. */
    @Test
    void anEscapedLoginPathMeetsTheLoginLimit() {
        String address = randomAddress();
        URI escaped = URI.create("http://127.0.0.1:" + port + "/api/auth/%6Cogin");
        for (int call = 0; call < 2; call++) {
            first.post().uri(escaped).header("X-Forwarded-For", address).bodyValue("{}")
                    .exchange().expectStatus().isOk();
        }
        first.post().uri(escaped).header("X-Forwarded-For", address).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(429);
    }

    /**
     * An IPv6 subscriber has a /64 of its own, 2^64 addresses: one per request escaped every per-address limit. Its
     * addresses share the block's bucket.
     */
    @Test
    void theAddressesOfOneIpv6BlockShareItsBucket() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String block = "2001:db8:%x:%x:".formatted(random.nextInt(1, 0xFFFF), random.nextInt(1, 0xFFFF));
        login(first, block + "1:2:3:4").expectStatus().isOk();
        login(second, block + "ffff::9").expectStatus().isOk();
        login(first, block + "abcd:0:0:42").expectStatus().isEqualTo(429);

        login(first, "2001:db8:%x:%x::1".formatted(random.nextInt(1, 0xFFFF), random.nextInt(1, 0xFFFF)))
                .expectStatus().isOk();
    }

    @Test
    void anonymousCallsAreLimitedPerClientAddress() {
        String address = randomAddress();
        for (int call = 0; call < 4; call++) {
            jwks(first, address).expectStatus().isOk();
        }
        jwks(first, address).expectStatus().isEqualTo(429);
        jwks(first, randomAddress()).expectStatus().isOk();
    }

    @Test
    void withRedisUnreachableRequestsPassAndTheFailureIsCounted() {
        Map<String, Object> properties = new HashMap<>(ServiceInstances.properties("unused"));
        properties.putAll(backendProperties());
        properties.put("spring.data.redis.port", closedPort());
        properties.put("luxe.gateway.rate-limit.user.requests", 1);
        properties.put("luxe.gateway.rate-limit.user.burst", 1);
        try (ConfigurableApplicationContext withoutRedis = start(properties)) {
            WebTestClient web = client(withoutRedis);
            String token = "Bearer " + TestTokens.client(UUID.randomUUID());
            for (int call = 0; call < 5; call++) {
                long started = System.nanoTime();
                call(web, token, randomAddress()).expectStatus().isOk()
                        .expectHeader().doesNotExist("X-RateLimit-Remaining");
                // the first call also pays for what the context sets up on first use (the route's load balancer,
                // the first connections); every later one must not wait for Redis
                if (call > 0) {
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                }
            }
            double failures = withoutRedis.getBean(MeterRegistry.class)
                    .counter("luxe.gateway.ratelimit.redis.failures").count();
            assertThat(failures).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void withRedisStalledRequestsPassAfterTheTimeoutAndTheFailureIsCounted() {
        String token = "Bearer " + TestTokens.client(UUID.randomUUID());
        call(first, token, randomAddress()).expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");
        Counter failures = meters.counter("luxe.gateway.ratelimit.redis.failures");
        double failedBefore = failures.count();
        RedisClient redis = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            // Redis holds every client's commands (the gateway's included) for two seconds
            connection.sync().clientPause(2_000);
            long started = System.nanoTime();

            call(first, token, randomAddress()).expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Remaining");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
            assertThat(failures.count()).isGreaterThan(failedBefore);
            // answered once the pause is over, so the next test finds Redis as usual
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            redis.shutdown();
        }
    }

    private static WebTestClient.ResponseSpec call(WebTestClient web, String token, String address) {
        return web.get().uri("/api/vehicles").header("Authorization", token).header("X-Forwarded-For", address)
                .exchange();
    }

    private static WebTestClient.ResponseSpec refresh(WebTestClient web, String address) {
        return web.post().uri("/api/auth/refresh").header("X-Forwarded-For", address).bodyValue("{}").exchange();
    }

    private static WebTestClient.ResponseSpec login(WebTestClient web, String address) {
        return web.post().uri("/api/auth/login").header("X-Forwarded-For", address).bodyValue("{}").exchange();
    }

    private static WebTestClient.ResponseSpec jwks(WebTestClient web, String address) {
        return web.get().uri("/api/auth/.well-known/jwks.json").header("X-Forwarded-For", address).exchange();
    }

    private static Map<String, Object> backendProperties() {
        Map<String, Object> properties = new HashMap<>();
        for (String service : new String[] {"auth", "vehicle", "notification", "realtime"}) {
            properties.put("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", BACKEND.baseUrl());
        }
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class).run(arguments);
    }

    /**
     * A replica with event loops of its own: by default every context in the JVM shares Reactor Netty's global
     * resources, and closing one replica would shut them down under the others. (Not annotated, so the test does not
     * take it for its own configuration.)
     */
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
