package com.luxedrive.systemtests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What happened during a scenario, as its clients saw it: every notification the platform accepted (201) with the
 * recipients it was sent to, every {@code notification:received} each client's socket got, and every read the
 * platform confirmed. {@link DeliveryChecker} judges it.
 */
final class DeliveryHistory {

    record Accepted(String notificationId, Set<String> recipients, Instant at) {
    }

    record Received(String userId, String notificationId, Instant at) {
    }

    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> reads = ConcurrentHashMap.newKeySet();

    void accepted(String notificationId, Set<String> recipients) {
        accepted.put(notificationId, new Accepted(notificationId, Set.copyOf(recipients), Instant.now()));
    }

    void received(String userId, String notificationId) {
        received.add(new Received(userId, notificationId, Instant.now()));
    }

    /** The platform confirmed that the user read it (a 2xx to the mark-read call). */
    void read(String userId, String notificationId) {
        reads.add(userId + " " + notificationId);
    }

    boolean wasRead(String userId, String notificationId) {
        return reads.contains(userId + " " + notificationId);
    }

    Map<String, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** A copy without the deliveries the filter names: how the checker is shown to catch a lost one. */
    DeliveryHistory without(Predicate<Received> dropped) {
        DeliveryHistory copy = new DeliveryHistory();
        copy.accepted.putAll(accepted);
        copy.reads.addAll(reads);
        List<Received> kept = new ArrayList<>(received);
        kept.removeIf(dropped);
        copy.received.addAll(kept);
        return copy;
    }
}
