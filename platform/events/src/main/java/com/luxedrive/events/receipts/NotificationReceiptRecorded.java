package com.luxedrive.events.receipts;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** A recipient's socket acknowledged ({@code delivered}) or read ({@code read}) a notification. */
@EventType(value = "com.luxedrive.notification.receipt-recorded.v1", topic = Topics.RECEIPTS)
public record NotificationReceiptRecorded(UUID notificationId, UUID userId, String status, Instant at)
        implements DomainEvent {

    public static final String DELIVERED = "delivered";
    public static final String READ = "read";

    @Override
    public String key() {
        return userId.toString();
    }
}
