package com.luxedrive.events.users;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** An account changed: its name, its role, or it was reactivated. Carries the whole current state. */
@EventType(value = "com.luxedrive.user.updated.v1", topic = Topics.USERS)
public record UserUpdated(UUID userId, String fullName, String userType, String role, boolean active,
                          Instant updatedAt) implements DomainEvent {

    @Override
    public String key() {
        return userId.toString();
    }
}
