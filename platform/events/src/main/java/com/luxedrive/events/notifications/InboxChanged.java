package com.luxedrive.events.notifications;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.MayBeAbsent;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * A user changed their inbox (a read from a socket or through REST, read-all, mark unread, archive, unarchive,
 * archive-read), so their open sockets can update their badge and lists. {@code status} is one of {@link #READ}, {@link #UNREAD},
 * {@link #ARCHIVED}, {@link #UNARCHIVED}; {@code notificationId} is null for read-all and archive-read (every read
 * one); {@code unreadCount} is the count after (archived notifications do not count).
 */
@EventType(value = "com.luxedrive.notification.inbox-changed.v1", topic = Topics.NOTIFICATIONS)
public record InboxChanged(UUID userId, @MayBeAbsent UUID notificationId, String status, long unreadCount,
                           Instant at) implements DomainEvent {

    public static final String READ = "read";
    public static final String UNREAD = "unread";
    public static final String ARCHIVED = "archived";
    public static final String UNARCHIVED = "unarchived";

    @Override
    public String key() {
        return userId.toString();
    }
}
