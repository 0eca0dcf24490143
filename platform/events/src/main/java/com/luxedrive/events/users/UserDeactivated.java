package com.luxedrive.events.users;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** An admin deactivated the account: it can no longer log in, its refresh tokens are revoked, its sockets close. */
@EventType(value = "com.luxedrive.user.deactivated.v1", topic = Topics.USERS)
public record UserDeactivated(UUID userId, Instant deactivatedAt) implements DomainEvent {

    @Override
    public String key() {
        return userId.toString();
    }
}
