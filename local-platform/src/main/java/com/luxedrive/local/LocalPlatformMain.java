package com.luxedrive.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code ./run-local.sh}: starts the platform, prints where it is, and stops everything on Ctrl-C. */
public final class LocalPlatformMain {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatformMain.class);

    private LocalPlatformMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("LUXE_PROJECT_ROOT", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env.getOrDefault("LUXE_DATA_DIR", root.resolve(".data").toString()));
        LocalPlatform platform = new LocalPlatform(root, data, Ports.fromEnvironment(env), env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping the platform…");
            platform.close();
            log.info("stopped");
            stopped.countDown();
        }, "local-platform-stop"));

        Instant started = Instant.now();
        try {
            platform.start();
        } catch (RuntimeException e) {
            log.error("the platform did not start: {}", e.getMessage());
            System.exit(1);
        }
        log.info("""

                ==================================================================
                 Luxe Drive Hub is up ({} s)
                   gateway:     {}   (try: curl {}/health)
                   socket.io:   {}/socket.io/
                   logs:        {}
                   data:        {}
                   admin login: {} / {}
                 Ctrl-C stops everything.
                ==================================================================""",
                Duration.between(started, Instant.now()).toSeconds(), platform.gatewayUrl(), platform.gatewayUrl(),
                platform.gatewayUrl(), platform.logDirectory(), platform.dataDirectory(), platform.admin().email(),
                platform.admin().password());
        stopped.await();
    }
}
