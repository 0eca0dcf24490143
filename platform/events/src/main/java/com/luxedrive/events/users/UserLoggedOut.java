package com.luxedrive.events.users;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** The user logged out: the refresh token family is revoked; sockets opened with the session close. */
@EventType(value = "com.luxedrive.user.logged-out.v1", topic = Topics.USERS)
public record UserLoggedOut(UUID userId, Instant loggedOutAt) implements DomainEvent {

    @Override
    public String key() {
        return userId.toString();
    }
}
