package com.luxedrive.events.notifications;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.MayBeAbsent;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A notification was sent: its recipients are fixed and its history rows written. A send reaching many recipients
 * is announced in several events, each naming some of them.
 *
 * @param vehicleIds        the vehicles it is about: for a send to vehicles, those of this event's recipients (each
 *                          event stays far below Kafka's record limit however many vehicles the send names); empty
 *                          for other sends
 * @param recipientVehicles for a send to vehicles, each recipient's own vehicles among them — what that recipient is
 *                          shown, never another owner's; empty for other sends (and in events written before it
 *                          existed, read as {@code null})
 */
@EventType(value = "com.luxedrive.notification.dispatched.v1", topic = Topics.NOTIFICATIONS)
public record NotificationDispatched(UUID notificationId, String title, String message,
                                     @MayBeAbsent String imageUrl, String type,
                                     List<UUID> vehicleIds, Audience audience, Instant sentAt,
                                     @MayBeAbsent Map<UUID, List<UUID>> recipientVehicles) implements DomainEvent {

    /** A send that is not to vehicles: every recipient is shown the same. */
    public NotificationDispatched(UUID notificationId, String title, String message, String imageUrl, String type,
                                  List<UUID> vehicleIds, Audience audience, Instant sentAt) {
        this(notificationId, title, message, imageUrl, type, vehicleIds, audience, sentAt, Map.of());
    }

    /** The vehicles {@code userId} is shown: their own for a send to vehicles, else {@link #vehicleIds}. */
    public List<UUID> vehicleIdsFor(UUID userId) {
        if (recipientVehicles == null || recipientVehicles.isEmpty()) {
            return vehicleIds == null ? List.of() : vehicleIds;
        }
        return recipientVehicles.getOrDefault(userId, List.of());
    }

    /** Whether recipients are shown different vehicles ({@link #vehicleIdsFor}), so each needs a body of its own. */
    public boolean perRecipient() {
        return recipientVehicles != null && !recipientVehicles.isEmpty();
    }

    @Override
    public String key() {
        return notificationId.toString();
    }
}
