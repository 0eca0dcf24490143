package com.luxedrive.security;

import io.jsonwebtoken.Claims;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.util.Set;

/**
 * Lets Spring Security's resource server use our jjwt verification instead of its own, remembering recent
 * verifications ({@link VerifiedTokens}) when given a cache size above zero.
 */
class JjwtJwtDecoder implements JwtDecoder {

    /** jjwt gives these as {@code Date}; Spring wants {@code Instant}, so they are set through the builder. */
    private static final Set<String> TIME_CLAIMS = Set.of(Claims.EXPIRATION, Claims.ISSUED_AT, Claims.NOT_BEFORE);

    private final LuxeTokenVerifier verifier;
    private final VerifiedTokens verified;

    JjwtJwtDecoder(LuxeTokenVerifier verifier, int verifiedTokens) {
        this.verifier = verifier;
        this.verified = verifiedTokens > 0 ? new VerifiedTokens(verifier, verifiedTokens) : null;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = recentlyVerified(token);
        return known != null ? known : verifyAndRemember(token);
    }

    /** The token's verification, if it was verified lately and would still pass; else null. */
    Jwt recentlyVerified(String token) {
        return verified == null || token == null ? null : verified.find(token);
    }

    /** The full check, remembered when it passes; for a token {@link #recentlyVerified} did not know. */
    Jwt verifyAndRemember(String token) {
        Object keys = verifier.trustedKeys();
        Jwt jwt = verify(token);
        // only under a key set that stayed the same throughout the check (not the first one, fetched during it)
        if (verified != null && keys != null && keys == verifier.trustedKeys()) {
            verified.remember(token, jwt, keys);
        }
        return jwt;
    }

    private Jwt verify(String token) {
        try {
            Claims claims = verifier.verifiedClaims(token);
            LuxeTokenVerifier.principal(claims);
            Jwt.Builder jwt = Jwt.withTokenValue(token)
                    .headers(headers -> headers.put("alg", LuxeClaims.ALGORITHM))
                    .claims(values -> {
                        values.putAll(claims);
                        values.keySet().removeAll(TIME_CLAIMS);
                    })
                    .expiresAt(claims.getExpiration().toInstant());
            // absent, not null: Spring's claim accessors fail on a null value
            if (claims.getIssuedAt() != null) {
                jwt.issuedAt(claims.getIssuedAt().toInstant());
            }
            if (claims.getNotBefore() != null) {
                jwt.notBefore(claims.getNotBefore().toInstant());
            }
            return jwt.build();
        } catch (InvalidTokenException e) {
            throw new BadJwtException(e.getMessage(), e);
        }
    }
}
