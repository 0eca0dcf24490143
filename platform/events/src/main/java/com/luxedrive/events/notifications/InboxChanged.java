package com.luxedrive.events.notifications;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * A user changed the read state of their inbox outside a socket (REST read, read-all, mark unread), so their open
 * sockets can update their badge. {@code notificationId} is null for read-all; {@code unreadCount} is the count after.
 */
@EventType(value = "com.luxedrive.notification.inbox-changed.v1", topic = Topics.NOTIFICATIONS)
public record InboxChanged(UUID userId, UUID notificationId, String status, long unreadCount, Instant at)
        implements DomainEvent {

    @Override
    public String key() {
        return userId.toString();
    }
}
