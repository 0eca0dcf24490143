package com.luxedrive.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import java.util.UUID;

/** Verifies an access token (signature, algorithm, issuer, audience, expiry) and reads whom it speaks for. */
public class LuxeTokenVerifier {

    private final JwtParser parser;
    private final Locator<Key> keys;
    private final Clock clock;
    private final Duration clockSkew;

    public LuxeTokenVerifier(JwtVerificationProperties properties, Locator<Key> keys) {
        this(properties, keys, Clock.systemUTC());
    }

    public LuxeTokenVerifier(JwtVerificationProperties properties, Locator<Key> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.clockSkew = Duration.ofSeconds(properties.clockSkew().toSeconds());
        this.parser = Jwts.parser()
                .clock(() -> Date.from(clock.instant()))
                .keyLocator(keys)
                .requireIssuer(properties.issuer())
                .requireAudience(properties.audience())
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .build();
    }

    public Claims verifiedClaims(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            if (claims.getExpiration() == null) {
                throw new InvalidTokenException("token has no exp");
            }
            return claims;
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("token rejected: " + e.getClass().getSimpleName(), e);
        }
    }

    public LuxePrincipal verify(String token) {
        return principal(verifiedClaims(token));
    }

    /**
     * The key set trusted now, compared by identity: another value means other keys (a fetch of the JWKS found a
     * change), null that it is due to be fetched again, so nothing verified before may be taken on trust. Any other
     * locator (auth-service's own, over the keys it loaded at start-up and never changes) is its own key set.
     */
    Object trustedKeys() {
        return keys instanceof JwksKeyLocator jwks ? jwks.trustedKeys() : keys;
    }

    /** Whether a token with these times would pass the parser's time checks now (the same clock and skew). */
    boolean withinValidity(Instant notBefore, Instant expiresAt) {
        Instant now = clock.instant();
        return expiresAt != null && !now.minus(clockSkew).isAfter(expiresAt)
                && (notBefore == null || !now.plus(clockSkew).isBefore(notBefore));
    }

    /** The platform principal the verified {@code claims} name (see {@link #verifiedClaims}). */
    public static LuxePrincipal principal(Claims claims) {
        try {
            return new LuxePrincipal(UUID.fromString(claims.get(LuxeClaims.ID, String.class)),
                    claims.get(LuxeClaims.EMAIL, String.class), claims.get(LuxeClaims.FULL_NAME, String.class),
                    require(claims.get(LuxeClaims.ROLE, String.class)),
                    require(claims.get(LuxeClaims.USER_TYPE, String.class)));
        } catch (RuntimeException e) {
            throw new InvalidTokenException("token lacks the platform's claims", e);
        }
    }

    private static String require(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing claim");
        }
        return value;
    }
}
