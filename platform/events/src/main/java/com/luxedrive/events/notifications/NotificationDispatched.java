package com.luxedrive.events.notifications;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notification was sent: its recipients are fixed and its history rows written. */
@EventType(value = "com.luxedrive.notification.dispatched.v1", topic = Topics.NOTIFICATIONS)
public record NotificationDispatched(UUID notificationId, String title, String message, String imageUrl, String type,
                                     List<UUID> vehicleIds, Audience audience, Instant sentAt) implements DomainEvent {

    @Override
    public String key() {
        return notificationId.toString();
    }
}
