package com.luxedrive.realtime.socket;

import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.messaging.EventEnvelope;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a users event revokes: the user's tokens issued before {@code at}, and why — read the same way by the start-up
 * replay and by the live session-end listener.
 */
record Revocation(UUID userId, Instant at, SocketError reason) {

    /** The revocation a logout or a deactivation makes; none for the topic's other events. */
    static Optional<Revocation> of(EventEnvelope event) {
        return event.payload(UserDeactivated.class)
                .map(user -> new Revocation(user.userId(), user.deactivatedAt(), SocketError.ACCOUNT_DEACTIVATED))
                .or(() -> event.payload(UserLoggedOut.class)
                        .map(user -> new Revocation(user.userId(), user.loggedOutAt(), SocketError.LOGGED_OUT)));
    }
}
