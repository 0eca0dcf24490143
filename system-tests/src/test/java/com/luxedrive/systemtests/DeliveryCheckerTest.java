package com.luxedrive.systemtests;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker the fault scenarios rely on, shown to catch each kind of fault it exists for. */
class DeliveryCheckerTest {

    private final DeliveryHistory history = new DeliveryHistory();
    private final FakeInboxes inboxes = new FakeInboxes();

    {
        history.accepted("n1", Set.of("ada", "alan"));
        history.accepted("n2", Set.of("ada"));
        history.received("ada", "n1");
        history.received("alan", "n1");
        history.received("ada", "n2");
        history.received("ada", "n2");
        history.read("ada", "n1");
        inboxes.ids.put("ada", Set.of("n1", "n2"));
        inboxes.ids.put("alan", Set.of("n1"));
        inboxes.unread.put("ada", 1L);
        inboxes.unread.put("alan", 1L);
    }

    @Test
    void aFaithfulHistoryIsCleanAndADuplicateIsDroppedByItsId() {
        DeliveryChecker.Verdict verdict = DeliveryChecker.check(history, Set.of("ada", "alan"), inboxes);

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.deliveries()).isEqualTo(3);
        assertThat(verdict.duplicates()).isEqualTo(1);
    }

    @Test
    void oneDroppedDeliveryIsCaught() {
        DeliveryHistory planted = history.without(event -> event.userId().equals("alan"));

        assertThat(DeliveryChecker.check(planted, Set.of("ada", "alan"), inboxes).violations())
                .containsExactly("user alan never received n1");
    }

    @Test
    void aDeliveryToSomeoneElseIsCaught() {
        history.received("alan", "n2");

        assertThat(DeliveryChecker.check(history, Set.of("ada", "alan"), inboxes).violations())
                .containsExactly("user alan received n2, not addressed to them");
    }

    @Test
    void aMissingOrForeignHistoryRowAndAWrongUnreadCountAreCaught() {
        inboxes.ids.put("ada", Set.of("n1", "n3"));
        inboxes.unread.put("alan", 0L);

        assertThat(DeliveryChecker.check(history, Set.of("ada", "alan"), inboxes).violations())
                .containsExactlyInAnyOrder("user ada has no history row for n2",
                        "user ada has a history row for n3, never sent to them",
                        "user alan has an unread count of 0, expected 1");
    }

    private static final class FakeInboxes implements DeliveryChecker.Inboxes {

        private final Map<String, Set<String>> ids = new java.util.HashMap<>();
        private final Map<String, Long> unread = new java.util.HashMap<>();

        @Override
        public Set<String> notificationIds(String userId) {
            return ids.getOrDefault(userId, Set.of());
        }

        @Override
        public long unreadCount(String userId) {
            return unread.getOrDefault(userId, 0L);
        }
    }
}
