package com.luxedrive.events.users;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * An account now exists. {@code userType} is {@code client} or {@code admin}; {@code role} is
 * {@code client}, {@code admin} or {@code support}.
 */
@EventType(value = "com.luxedrive.user.registered.v1", topic = Topics.USERS)
public record UserRegistered(UUID userId, String fullName, String userType, String role, boolean active,
                             Instant registeredAt) implements DomainEvent {

    @Override
    public String key() {
        return userId.toString();
    }
}
