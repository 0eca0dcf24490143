package com.luxedrive.security;

import io.jsonwebtoken.Claims;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.util.Set;

/** Lets Spring Security's resource server use our jjwt verification instead of its own. */
class JjwtJwtDecoder implements JwtDecoder {

    /** jjwt gives these as {@code Date}; Spring wants {@code Instant}, so they are set through the builder. */
    private static final Set<String> TIME_CLAIMS = Set.of(Claims.EXPIRATION, Claims.ISSUED_AT, Claims.NOT_BEFORE);

    private final LuxeTokenVerifier verifier;

    JjwtJwtDecoder(LuxeTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Jwt decode(String token) {
        try {
            Claims claims = verifier.verifiedClaims(token);
            LuxeTokenVerifier.principal(claims);
            return Jwt.withTokenValue(token)
                    .headers(headers -> headers.put("alg", LuxeClaims.ALGORITHM))
                    .claims(values -> {
                        values.putAll(claims);
                        values.keySet().removeAll(TIME_CLAIMS);
                    })
                    .issuedAt(claims.getIssuedAt() == null ? null : claims.getIssuedAt().toInstant())
                    .expiresAt(claims.getExpiration().toInstant())
                    .notBefore(claims.getNotBefore() == null ? null : claims.getNotBefore().toInstant())
                    .build();
        } catch (InvalidTokenException e) {
            throw new BadJwtException(e.getMessage(), e);
        }
    }
}
