package com.luxedrive.systemtests;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.Ports;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The platform the system tests share, scaled out as in production: two gateways, two realtime, two notification,
 * two vehicle and one auth instance, as processes on embedded PostgreSQL, Kafka and Redis. Started once for all the
 * system tests of the run, stopped after the last one; its data and logs stay in {@code target/scaled-platform}.
 */
final class ScaledPlatform implements BeforeAllCallback {

    static final Map<String, Integer> REPLICAS = Map.of("gateway", 2, "realtime-service", 2,
            "notification-service", 2, "vehicle-service", 2, "auth-service", 1);
    /**
     * The tests drive far more traffic from one address and one admin than a person would: the gateway's limits and
     * auth-service's per-address throttle (tested on their own in RateLimitTest and auth-service's tests) are raised
     * out of their way.
     */
    private static final String LIMITS_OUT_OF_THE_WAY = """
            {"luxe":{"gateway":{"rate-limit":{
              "user":{"requests":10000000,"burst":100000},"anonymous":{"requests":10000000,"burst":100000},
              "login":{"requests":10000000,"burst":100000},"socket":{"requests":10000000,"burst":100000}}},
             "auth":{"abuse":{"ip-requests-per-minute":1000000}}}}""";

    private static LocalPlatform platform;

    static synchronized LocalPlatform platform() {
        if (platform == null) {
            throw new IllegalStateException("extend the test class with ScaledPlatform");
        }
        return platform;
    }

    /** A client of each gateway instance. */
    static List<PlatformClient> gateways() {
        return platform().instanceUrls("gateway").stream().map(PlatformClient::new).toList();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(ScaledPlatform.class))
                .computeIfAbsent("platform", key -> start(), Running.class);
    }

    private static synchronized Running start() {
        Path root = Path.of(System.getProperty("luxe.project.root", ".."));
        Path data = Path.of("target", "scaled-platform").toAbsolutePath();
        try {
            FileSystemUtils.deleteRecursively(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        platform = new LocalPlatform(root, data, Ports.free(), Map.of("SPRING_APPLICATION_JSON",
                LIMITS_OUT_OF_THE_WAY), REPLICAS).start();
        return new Running();
    }

    /** Closed by JUnit when the run's last test is done. */
    private static final class Running implements AutoCloseable {

        @Override
        public void close() {
            synchronized (ScaledPlatform.class) {
                platform.close();
                platform = null;
            }
        }
    }
}
