package com.luxedrive.auth.token;

import com.luxedrive.security.LuxeClaims;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs access tokens: RS256 with {@code kid}, {@code iss}, {@code aud}, {@code sub}, {@code jti} and the seed's claims. */
@Component
public class TokenIssuer {

    private final SigningKey key;
    private final SigningProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, SigningProperties properties, Clock clock) {
        this.key = keys.signing();
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A token issued now; its {@code iat} is at least the subject's {@code notBefore}, so a logout in this same second
     * (tokens carry whole seconds) does not revoke it — then up to a second ahead, which no verifier checks.
     */
    public IssuedToken issue(Subject subject) {
        Instant now = clock.instant();
        Instant issuedAt = subject.notBefore() != null && now.isBefore(subject.notBefore()) ? subject.notBefore() : now;
        String token = Jwts.builder()
                .header().keyId(key.kid()).and()
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .subject(subject.id().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .claim(LuxeClaims.ID, subject.id().toString())
                .claim(LuxeClaims.EMAIL, subject.email())
                .claim(LuxeClaims.FULL_NAME, subject.fullName())
                .claim(LuxeClaims.ROLE, subject.role())
                .claim(LuxeClaims.USER_TYPE, subject.userType())
                .signWith(key.privateKey(), Jwts.SIG.RS256)
                .compact();
        return new IssuedToken(token, properties.accessTokenTtl());
    }

    /** {@code notBefore}: the earliest issue time the user's tokens may carry (a revocation's), or null. */
    public record Subject(UUID id, String email, String fullName, String role, String userType, Instant notBefore) {
    }

    public record IssuedToken(String value, Duration expiresIn) {
    }
}
