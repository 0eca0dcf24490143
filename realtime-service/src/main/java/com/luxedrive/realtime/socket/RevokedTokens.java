package com.luxedrive.realtime.socket;

import com.luxedrive.events.users.TokenRevocations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A "not before" per user, from {@code UserLoggedOut} and {@code UserDeactivated}: a token issued before it no
 * longer opens a socket, though its signature and expiry are good. Tokens carry their issue time in whole seconds, so
 * the not-before is the revocation rounded up to the next second ({@link TokenRevocations}): every token issued
 * before the revocation has an earlier {@code iat}, and auth-service stamps one it issues after the revocation in
 * that same second (a new sign-in, another device's refresh) with the next second, so it is not refused.
 * Entries older than the window (the longest access-token lifetime, with a margin) are dropped: every token they
 * could refuse has expired.
 */
public class RevokedTokens {

    private final Map<UUID, Instant> notBefore = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;

    public RevokedTokens(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** From {@code at} on, the user's earlier tokens are refused. */
    public void revoke(UUID userId, Instant at) {
        Instant horizon = clock.instant().minus(window);
        notBefore.values().removeIf(since -> since.isBefore(horizon));
        if (at.isAfter(horizon)) {
            notBefore.merge(userId, TokenRevocations.notBefore(at),
                    (held, given) -> held.isAfter(given) ? held : given);
        }
    }

    /** Whether a token of the user issued at {@code issuedAt} was revoked; one without an issue time is, if any. */
    public boolean revoked(UUID userId, Instant issuedAt) {
        Instant since = notBefore.get(userId);
        return since != null && (issuedAt == null || issuedAt.isBefore(since));
    }

    /** How far back the users topic is read at start-up, so an instance knows the revocations still in force. */
    public Duration window() {
        return window;
    }
}
