package com.luxedrive.systemtests;

import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The steady traffic a fault meets: an admin sending notifications to some of the audience (with an
 * {@code Idempotency-Key}, retried with the same key until the platform gives a definite answer), clients marking
 * what they received as read (retried until confirmed) and reading their unread count, alternately through each
 * gateway. What every call got back is counted, so a scenario can say what clients saw while the fault lasted.
 */
final class SteadyLoad implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TICK = Duration.ofMillis(150);
    private static final int RETRIES_PER_TICK = 5;

    private record Send(String key, String body, Set<String> recipients) {
    }

    private record Read(String userId, String notificationId) {
    }

    private final List<PlatformClient> gateways;
    private final String adminToken;
    private final Audience audience;
    private final DeliveryHistory history;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "steady-load"));
    private final Deque<Send> pendingSends = new ArrayDeque<>();
    private final Deque<Read> pendingReads = new ArrayDeque<>();
    private final Set<String> readRequested = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> unclear = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private int calls;

    SteadyLoad(List<PlatformClient> gateways, String adminToken, Audience audience, DeliveryHistory history) {
        this.gateways = gateways;
        this.adminToken = adminToken;
        this.audience = audience;
        this.history = history;
    }

    SteadyLoad start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Notifications the platform accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** When a call last failed (a 5xx, a 429 or no answer), or null. */
    Instant lastFailure() {
        return lastFailure.get();
    }

    /** Stops the traffic, then retries what is unresolved until the platform answers it for sure. */
    void stopAndSettle(Duration atMost) {
        ticks.shutdown();
        try {
            if (!ticks.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the load did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            retryPending();
            return pendingSends.isEmpty() && pendingReads.isEmpty();
        });
    }

    /** What the calls got back, by status (with "problem" when the body was problem+json), and the slowest. */
    String outcomes() {
        Map<String, Integer> sorted = new java.util.TreeMap<>();
        outcomes.forEach((outcome, count) -> sorted.put(outcome, count.get()));
        return sorted + ", slowest " + slowestMillis.get() + " ms" + (unclear.isEmpty() ? ""
                : ", answers that were neither success nor problem+json: " + unclear.subList(0,
                Math.min(5, unclear.size())));
    }

    /** Failed calls that did not say why in problem+json, or never got an answer. */
    List<String> unclearAnswers() {
        return List.copyOf(unclear);
    }

    Map<String, Integer> outcomeCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
        return counts;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }

    private void tick() {
        try {
            retryPending();
            send(newSend());
            markOneRead();
            call("unread-count", () -> next().get("/api/notifications/unread-count", anyMember().token()));
        } catch (RuntimeException unexpected) {
            unclear.add("load: " + unexpected);
        }
    }

    private void retryPending() {
        for (int i = 0; i < RETRIES_PER_TICK && !pendingSends.isEmpty(); i++) {
            send(pendingSends.poll());
        }
        for (int i = 0; i < RETRIES_PER_TICK && !pendingReads.isEmpty(); i++) {
            read(pendingReads.poll());
        }
    }

    private Send newSend() {
        List<Audience.Member> members = new ArrayList<>(audience.members());
        Collections.shuffle(members);
        Set<String> recipients = Set.copyOf(members.subList(0, 1 + ThreadLocalRandom.current().nextInt(3)).stream()
                .map(Audience.Member::userId).toList());
        String body = JSON.writeValueAsString(Map.of("title", "Service reminder",
                "message", "Load " + UUID.randomUUID(), "type", "maintenance", "targetType", "user",
                "userIds", recipients));
        return new Send(UUID.randomUUID().toString(), body, recipients);
    }

    private void send(Send send) {
        PlatformClient.Response sent = call("send", () -> next().post("/api/notifications", adminToken, send.body(),
                Map.of("Idempotency-Key", send.key())));
        if (sent != null && sent.status() == 201) {
            history.accepted(sent.json().path("notification").path("id").asString(), send.recipients());
            accepted.incrementAndGet();
        } else if (sent == null || sent.status() >= 500 || sent.status() == 429 || sent.status() == 409) {
            // maybe done, maybe not: the same key tells later (409: the first attempt is still running)
            pendingSends.add(send);
        } else {
            unclear.add("send refused: " + sent.status() + " " + sent.body());
        }
    }

    private void markOneRead() {
        List<DeliveryHistory.Received> received = history.received();
        if (received.isEmpty()) {
            return;
        }
        DeliveryHistory.Received pick = received.get(ThreadLocalRandom.current().nextInt(received.size()));
        if (ThreadLocalRandom.current().nextInt(3) == 0
                && readRequested.add(pick.userId() + " " + pick.notificationId())) {
            read(new Read(pick.userId(), pick.notificationId()));
        }
    }

    private void read(Read read) {
        PlatformClient.Response marked = call("read", () -> next().patch("/api/notifications/"
                + read.notificationId() + "/read", audience.member(read.userId()).token()));
        if (marked != null && marked.status() == 200) {
            history.read(read.userId(), read.notificationId());
        } else if (marked == null || marked.status() >= 500 || marked.status() == 429) {
            pendingReads.add(read);
        } else {
            unclear.add("read refused: " + marked.status() + " " + marked.body());
        }
    }

    private PlatformClient.Response call(String what, java.util.function.Supplier<PlatformClient.Response> request) {
        long started = System.nanoTime();
        PlatformClient.Response response;
        try {
            response = request.get();
        } catch (IllegalStateException noAnswer) {
            count(what + " no answer");
            unclear.add(what + ": no answer (" + noAnswer.getCause() + ")");
            lastFailure.set(Instant.now());
            return null;
        }
        slowestMillis.accumulateAndGet(Duration.ofNanos(System.nanoTime() - started).toMillis(), Math::max);
        boolean failed = response.status() >= 500 || response.status() == 429;
        count(what + " " + response.status() + (response.status() >= 400 && response.isProblem() ? " problem" : ""));
        if (failed) {
            lastFailure.set(Instant.now());
        }
        if (response.status() >= 400 && !response.isProblem()) {
            unclear.add(what + ": " + response.status() + " " + response.contentType() + " " + response.body());
        }
        return response;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
    }

    private PlatformClient next() {
        return gateways.get(calls++ % gateways.size());
    }

    private Audience.Member anyMember() {
        return audience.members().get(ThreadLocalRandom.current().nextInt(audience.members().size()));
    }
}
