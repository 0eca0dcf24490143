package com.luxedrive.systemtests;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scaled-out platform meets one fault at a time under a steady load of sends and reads, and the
 * {@link DeliveryChecker} judges what the clients saw: every accepted notification reached every recipient once
 * (after dedupe by id), nobody got what was not theirs, no history row is missing, unread counts match. Each
 * scenario reports the checker's verdict, the time until everything was delivered again, and what the clients got
 * back meanwhile: the figures of docs/reliability.md, written to {@code target/reliability-figures.md}.
 */
@ExtendWith(ScaledPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosIT {

    private static final Logger log = LoggerFactory.getLogger(FaultScenariosIT.class);
    private static final int AUDIENCE = 8;
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final List<String> FIGURES = new ArrayList<>();
    private static final HttpClient METRICS = HttpClient.newHttpClient();

    private final LocalPlatform platform = ScaledPlatform.platform();
    private final List<PlatformClient> gateways = ScaledPlatform.gateways();

    /** What one scenario measured. */
    private record Outcome(DeliveryHistory history, Audience audience, DeliveryChecker.Verdict verdict,
                           SteadyLoad load, Instant faultStarted, Duration recovered) {
    }

    @Test
    @Order(1)
    void withoutAFaultEverythingIsDeliveredAndTheCheckerCatchesOneDroppedDelivery() {
        Outcome outcome = scenario("no fault", (history, audience, admin) -> { });

        DeliveryHistory.Received dropped = outcome.history().received().get(0);
        DeliveryChecker.Verdict planted = DeliveryChecker.check(outcome.history().without(event -> event == dropped),
                outcome.audience().userIds(), outcome.audience().inboxes(gateways.get(0)));
        assertThat(planted.violations())
                .containsExactly("user " + dropped.userId() + " never received " + dropped.notificationId());
        outcome.audience().close();
    }

    @Test
    @Order(2)
    void kafkaStoppedForTwentySecondsLosesNothing() {
        Outcome outcome = scenario("Kafka stopped for 20 s, then restarted", (history, audience, admin) -> {
            platform.kafka().stop();
            pause(Duration.ofSeconds(20));
            platform.kafka().restart();
        });
        // the outbox takes the sends while the broker is away: nobody is refused
        assertThat(outcome.load().outcomeCounts()).doesNotContainKeys("send 503 problem", "send 500 problem");
        outcome.audience().close();
    }

    @Test
    @Order(3)
    void aNotificationInstanceKilledBetweenCommitAndPublishLosesNothing() {
        ServiceProcess victim = platform.service("notification-service-2");
        try {
            Outcome outcome = scenario("notification instance killed (kill -9) between commit and publish",
                    (history, audience, admin) -> {
                        platform.kafka().stop();
                        // sends the victim committed while its relay could not publish their events
                        double committed = sum(victim, "http_server_requests_seconds_count", "method=\"POST\"",
                                "status=\"201\"", "uri=\"/api/notifications\"");
                        await().atMost(Duration.ofMinutes(1)).until(() -> sum(victim,
                                "http_server_requests_seconds_count", "method=\"POST\"", "status=\"201\"",
                                "uri=\"/api/notifications\"") >= committed + 3);
                        victim.kill();
                        platform.kafka().restart();
                    });
            outcome.audience().close();
        } finally {
            restartIfDead(victim);
        }
    }

    @Test
    @Order(4)
    void aRealtimeInstanceKilledSendsItsClientsToTheOtherWithNothingLost() {
        try {
            aRealtimeInstanceKilled();
        } finally {
            platform.instances("realtime-service").forEach(FaultScenariosIT::restartIfDead);
        }
    }

    private void aRealtimeInstanceKilled() {
        Outcome outcome = scenario("realtime instance killed (kill -9), its clients reconnect to the other",
                // the instance holding the most sockets: some clients are always on it
                (history, audience, admin) -> platform.instances("realtime-service").stream()
                        .max(java.util.Comparator.comparingDouble(instance -> sum(instance, "luxe_sockets_connected")))
                        .orElseThrow()
                        .kill());
        Map<String, Instant> reconnected = outcome.audience().reconnections();
        assertThat(reconnected).as("clients that were on the killed instance").isNotEmpty();
        FIGURES.add("  - sockets that were on the killed instance and reconnected to the other: " + reconnected.size()
                + " of " + AUDIENCE + ", the last " + reconnected.values().stream()
                .map(at -> Duration.between(outcome.faultStarted(), at).toMillis()).max(Long::compare).orElseThrow()
                + " ms after the kill");
        outcome.audience().close();
    }

    /** A scenario's victim runs again for the next, whether the scenario passed or not. */
    private static void restartIfDead(ServiceProcess instance) {
        if (!instance.isAlive()) {
            instance.start();
            instance.awaitReady(Duration.ofMinutes(3));
        }
    }

    @Test
    @Order(5)
    void aClientThatStopsReadingIsCutOffHoldsUpNobodyAndGetsEverythingWhenItComesBack() {
        PlatformClient gateway = gateways.get(0);
        PlatformClient.Account frozen = gateway.registerClient("Frozen");
        String slow = frozen.id();
        String token = frozen.token();
        int sentWhileStopped = 100;
        AtomicReference<Duration> cutOffAfter = new AtomicReference<>();
        Outcome outcome = scenario("a client that stops reading (its socket stays open, it never polls again)",
                (history, audience, admin) -> {
                    double before = connectedSockets();
                    StoppedPoller.connectAndStopReading(gateway.baseUrl(), token);
                    await().atMost(SETTLE).until(() -> connectedSockets() >= before + 1);
                    Instant stopped = Instant.now();
                    for (int i = 0; i < sentWhileStopped; i++) {
                        String key = UUID.randomUUID().toString();
                        String id = await().atMost(SETTLE).until(() -> sendTo(gateway, admin, slow, key),
                                java.util.Objects::nonNull);
                        history.accepted(id, Set.of(slow));
                    }
                    // cut off by the platform (heartbeat or backlog) while the others are served by the load
                    await().atMost(SETTLE).until(() -> connectedSockets() <= before);
                    cutOffAfter.set(Duration.between(stopped, Instant.now()));
                    // its app comes back: what it missed must all arrive, once
                    audience.join(gateway, slow, token, history);
                });
        assertThat(outcome.history().received().stream().filter(event -> event.userId().equals(slow))
                .map(DeliveryHistory.Received::notificationId).distinct().count())
                .isGreaterThanOrEqualTo(sentWhileStopped);
        FIGURES.add("  - the client that stopped reading was cut off " + cutOffAfter.get().toMillis()
                + " ms after it stopped, having been sent " + sentWhileStopped + " notifications meanwhile; back with a"
                + " new socket, it received every one of them");
        outcome.audience().close();
    }

    @Test
    @Order(6)
    void postgresRestartedAbruptlyLosesNothingAndClientsGetClearAnswersMeanwhile() {
        Outcome outcome = scenario("PostgreSQL killed (SIGKILL) and restarted",
                (history, audience, admin) -> platform.restartPostgresAbruptly());
        outcome.audience().close();
    }

    @AfterAll
    static void writeFigures() {
        try {
            Files.writeString(Path.of("target", "reliability-figures.md"), String.join("\n", FIGURES) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fresh clients and a steady load; the fault once the load runs; then the load stops, what it left unresolved is
     * retried until answered, and the checker must find the history clean.
     */
    /** A fault, with what the scenario keeps: its history, its clients, the admin's token. */
    @FunctionalInterface
    private interface Fault {
        void inject(DeliveryHistory history, Audience audience, String adminToken);
    }

    private Outcome scenario(String name, Fault fault) {
        DeliveryHistory history = new DeliveryHistory();
        Audience audience = Audience.connect(gateways, AUDIENCE, history);
        String admin = gateways.get(0).adminToken(platform.admin());
        // notification-service knows the new clients once it has read their registration
        await().atMost(SETTLE).until(() -> {
            PlatformClient.Response sent = gateways.get(0).post("/api/notifications", admin, rollCall(audience));
            if (sent.status() == 201) {
                history.accepted(sent.json().path("notification").path("id").asString(), audience.userIds());
            }
            return sent.status() == 201;
        });
        SteadyLoad load = new SteadyLoad(gateways, admin, audience, history).start();
        try {
            await().atMost(SETTLE).until(() -> load.accepted() >= 20);
            Instant faultStarted = Instant.now();
            fault.inject(history, audience, admin);
            Instant faultEnded = Instant.now();
            int before = load.accepted();
            await().atMost(SETTLE).until(() -> load.accepted() >= before + 20);
            load.stopAndSettle(SETTLE);

            AtomicReference<DeliveryChecker.Verdict> last = new AtomicReference<>();
            DeliveryChecker.Inboxes inboxes = audience.inboxes(gateways.get(1));
            try {
                await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    last.set(DeliveryChecker.check(history, audience.userIds(), inboxes));
                    return last.get().clean();
                });
            } catch (org.awaitility.core.ConditionTimeoutException notClean) {
                throw new AssertionError(name + ": " + last.get() + "; load: " + load.outcomes(), notClean);
            }
            Duration recovered = Duration.between(faultEnded, Instant.now());
            Instant lastFailure = load.lastFailure();
            FIGURES.add("- **" + name + "**: " + last.get() + "; " + load.accepted() + " notifications accepted"
                    + "; fault lasted " + Duration.between(faultStarted, faultEnded).toMillis() + " ms"
                    + "; everything delivered and stored " + recovered.toMillis() + " ms after it ended"
                    + (lastFailure == null ? "; no call failed"
                    : "; last failed call " + Duration.between(faultStarted, lastFailure).toMillis()
                    + " ms after it began")
                    + "; calls: " + load.outcomes());
            log.info("{}", FIGURES.get(FIGURES.size() - 1));
            assertThat(load.unclearAnswers()).as("answers that were neither a success nor a problem").isEmpty();
            return new Outcome(history, audience, last.get(), load, faultStarted, recovered);
        } finally {
            load.close();
        }
    }

    /** A send to every member: accepted once notification-service knows them all. */
    private static String rollCall(Audience audience) {
        return """
                {"title":"Welcome","message":"Roll call","type":"info","targetType":"user","userIds":%s}"""
                .formatted(audience.userIds().stream().map(id -> "\"" + id + "\"").toList());
    }

    /** Sockets open on all the realtime instances that run. */
    private double connectedSockets() {
        return platform.instances("realtime-service").stream().filter(ServiceProcess::isAlive)
                .mapToDouble(instance -> sum(instance, "luxe_sockets_connected")).sum();
    }

    /** A notification to one user: its id once accepted, null while notification-service does not know them yet. */
    private static String sendTo(PlatformClient gateway, String admin, String userId, String idempotencyKey) {
        PlatformClient.Response sent = gateway.post("/api/notifications", admin, """
                {"title":"While you were away","message":"Sent to a client that stopped reading","type":"info",
                 "targetType":"user","userIds":["%s"]}""".formatted(userId), Map.of("Idempotency-Key", idempotencyKey));
        return sent.status() == 201 ? sent.json().path("notification").path("id").asString() : null;
    }

    /** The sum of a metric's series that have all the given labels, from the instance's Prometheus endpoint. */
    private static double sum(ServiceProcess instance, String name, String... labels) {
        try {
            String metrics = METRICS.send(HttpRequest.newBuilder(URI.create(
                    instance.management() + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher series = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
            double sum = 0;
            while (series.find()) {
                String found = series.group(1) == null ? "" : series.group(1);
                if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                    sum += Double.parseDouble(series.group(2));
                }
            }
            return sum;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** How long a fault lasts: the outage itself, not a wait for asynchronous work. */
    private static void pause(Duration duration) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(duration.toMillis(),
                TimeUnit.MILLISECONDS)).join();
    }
}
