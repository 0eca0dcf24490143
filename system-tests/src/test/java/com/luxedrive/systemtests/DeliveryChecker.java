package com.luxedrive.systemtests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a {@link DeliveryHistory} against what the platform stored:
 * <ul>
 *   <li>every accepted notification reached each of its recipients' sockets (once, after dedupe by id);</li>
 *   <li>no socket received a notification not addressed to its user;</li>
 *   <li>each recipient's inbox holds a history row for each notification sent to them, and nothing else;</li>
 *   <li>each recipient's unread count is what they were sent less what they read.</li>
 * </ul>
 * The platform's side comes from {@link Inboxes}, so the checker itself is plain and tested on its own.
 */
final class DeliveryChecker {

    /** What the platform says a user has: the notification ids in their inbox, and their unread count. */
    interface Inboxes {

        Set<String> notificationIds(String userId);

        long unreadCount(String userId);
    }

    record Verdict(List<String> violations, int deliveries, int duplicates) {

        boolean clean() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return clean() ? "clean (" + deliveries + " deliveries, " + duplicates + " duplicates dropped by id)"
                    : violations.size() + " violations: " + violations.subList(0, Math.min(20, violations.size()));
        }
    }

    private DeliveryChecker() {
    }

    /** @param users the users whose sockets and inboxes the scenario followed */
    static Verdict check(DeliveryHistory history, Set<String> users, Inboxes inboxes) {
        List<String> violations = new ArrayList<>();
        Map<String, DeliveryHistory.Accepted> accepted = history.accepted();
        Map<String, Set<String>> seen = new HashMap<>();
        int duplicates = 0;
        for (DeliveryHistory.Received event : history.received()) {
            if (!seen.computeIfAbsent(event.userId(), user -> new HashSet<>()).add(event.notificationId())) {
                duplicates++;
                continue;
            }
            DeliveryHistory.Accepted sent = accepted.get(event.notificationId());
            if (sent == null || !sent.recipients().contains(event.userId())) {
                violations.add("user " + event.userId() + " received " + event.notificationId()
                        + ", not addressed to them");
            }
        }
        Map<String, Set<String>> expected = new HashMap<>();
        users.forEach(user -> expected.put(user, new HashSet<>()));
        int deliveries = 0;
        for (DeliveryHistory.Accepted sent : accepted.values()) {
            for (String recipient : sent.recipients()) {
                expected.computeIfAbsent(recipient, user -> new HashSet<>()).add(sent.notificationId());
                deliveries++;
                if (!seen.getOrDefault(recipient, Set.of()).contains(sent.notificationId())) {
                    violations.add("user " + recipient + " never received " + sent.notificationId());
                }
            }
        }
        for (Map.Entry<String, Set<String>> user : expected.entrySet()) {
            Set<String> stored = inboxes.notificationIds(user.getKey());
            Set<String> missing = new HashSet<>(user.getValue());
            missing.removeAll(stored);
            missing.forEach(id -> violations.add("user " + user.getKey() + " has no history row for " + id));
            Set<String> extra = new HashSet<>(stored);
            extra.removeAll(user.getValue());
            extra.forEach(id -> violations.add("user " + user.getKey() + " has a history row for " + id
                    + ", never sent to them"));
            long read = user.getValue().stream().filter(id -> history.wasRead(user.getKey(), id)).count();
            long unread = inboxes.unreadCount(user.getKey());
            if (unread != user.getValue().size() - read) {
                violations.add("user " + user.getKey() + " has an unread count of " + unread + ", expected "
                        + (user.getValue().size() - read));
            }
        }
        return new Verdict(List.copyOf(violations), deliveries, duplicates);
    }
}
