package com.luxedrive.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Access tokens verified lately, so the next calls a client makes with the same token skip the signature check (about
 * a tenth of the gateway's CPU per authenticated request, and its hop off the event loop). A token is found again only
 * while it would still pass: before its {@code exp} (with the verifier's clock skew) and under the same trusted key
 * set it was verified with — once a fetch of the JWKS finds other keys, or the set is due to be fetched again,
 * earlier verifications no longer count.
 * Only verified tokens are kept; a refused one is checked in full every time.
 * <p>
 * Keyed by the token's SHA-256: a look-up compares digests, never a caller's bytes with a stored token's.
 */
final class VerifiedTokens {

    private final LuxeTokenVerifier verifier;
    private final Cache<ByteBuffer, Verified> cache;

    VerifiedTokens(LuxeTokenVerifier verifier, int maximumSize) {
        this.verifier = verifier;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                // a user who stopped calling leaves once the key set they were checked under would be refetched
                .expireAfterWrite(JwksKeyLocator.MAX_AGE)
                // housekeeping on the caller's thread, not a hop to the common pool
                .executor(Runnable::run)
                .build();
    }

    /** The token's verification if it still holds, else null. */
    Jwt find(String token) {
        Verified verified = cache.getIfPresent(digest(token));
        if (verified == null) {
            return null;
        }
        Object keys = verifier.trustedKeys();
        if (keys == null || keys != verified.keys() || !verifier.withinValidity(verified.jwt().getNotBefore(),
                verified.jwt().getExpiresAt())) {
            return null;
        }
        return verified.jwt();
    }

    /**
     * Remembers a verification.
     *
     * @param keys the trusted key set it was made under ({@link LuxeTokenVerifier#trustedKeys()})
     */
    void remember(String token, Jwt jwt, Object keys) {
        cache.put(digest(token), new Verified(jwt, keys));
    }

    private static ByteBuffer digest(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Verified(Jwt jwt, Object keys) {
    }
}
