package com.luxedrive.events.users;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a logout or a deactivation at a given instant revokes, as auth-service (which issues the tokens) and
 * realtime-service (which refuses them on sockets) both read it. Access tokens carry their issue time ({@code iat}) in
 * whole seconds, so the revocation is rounded up to the next whole second: every token of the user with an earlier
 * {@code iat} — all those issued before the revocation — is revoked, and auth-service gives a token it issues after
 * the revocation, in that same second, the next second as its {@code iat} (at most a second ahead), so a sign-in right
 * after a logout is not refused.
 */
public final class TokenRevocations {

    private TokenRevocations() {
    }

    /** The first {@code iat} not revoked by a revocation at {@code revokedAt}: that instant rounded up to the second. */
    public static Instant notBefore(Instant revokedAt) {
        Instant second = revokedAt.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(revokedAt) ? second : second.plusSeconds(1);
    }
}
