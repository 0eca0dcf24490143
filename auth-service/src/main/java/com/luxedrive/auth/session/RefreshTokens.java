package com.luxedrive.auth.session;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits, only their SHA-256 stored. Each use rotates the token; presenting one that
 * was already used (a stolen copy, or the thief's) revokes every token of its family, so both parties must log in —
 * unless it comes within the reuse grace of its first use (a concurrent refresh of the same client), which gets a pair
 * of its own in the same family.
 */
@Component
public class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SessionProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, SessionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new family, at login or registration. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String issue(UUID userId) {
        return insert(userId, UUID.randomUUID());
    }

    /**
     * Exchanges a token for the next of its family, in the caller's transaction. A spent or revoked token throws
     * {@link FamilyToRevoke}: the caller revokes the family with {@link #revokeFamilyNow} once its own transaction
     * has rolled back. Locks are taken user row first, then token rows, as a password change or a deactivation does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Rotated rotate(String presented) {
        Instant now = clock.instant();
        byte[] hash = hash(presented);
        UUID owner = jdbc.sql("SELECT user_id FROM refresh_tokens WHERE token_hash = ?").param(hash)
                .query(UUID.class).optional().orElseThrow(InvalidRefreshToken::new);
        jdbc.sql("SELECT id FROM users WHERE id = ? FOR SHARE").param(owner).query(UUID.class).optional();
        Stored stored = jdbc.sql("""
                        SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens
                        WHERE token_hash = ? FOR UPDATE""")
                .param(hash)
                .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
                        instantOrNull(rs.getTimestamp("used_at")), rs.getTimestamp("revoked_at") != null))
                .optional()
                .orElseThrow(InvalidRefreshToken::new);
        // A family with a revoked token is dead whole: a revocation that raced a rotation (its statement's snapshot
        // taken before the rotation's new token committed) could leave that one token live, and its holder rotating on.
        boolean familyRevoked = !stored.revoked() && jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NOT NULL)")
                .param(stored.familyId()).query(Boolean.class).single();
        if (stored.revoked() || familyRevoked) {
            log.info("revoked refresh token presented userId={} family={}", stored.userId(), stored.familyId());
            throw new FamilyToRevoke(stored.familyId(), null);
        }
        if (stored.usedAt() != null && !withinReuseGrace(stored.usedAt(), now)) {
            // a live family's spent token: one of its two holders is a thief, whose access token goes too
            log.warn("refresh token reuse userId={} family={}", stored.userId(), stored.familyId());
            throw new FamilyToRevoke(stored.familyId(), stored.userId());
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw new InvalidRefreshToken();
        }
        if (stored.usedAt() != null) {
            // the twin of a refresh that just rotated this token (a second tab, a retried request): another branch
            // of the same family, which a logout or a later reuse revokes with the rest
            log.info("refresh token presented again within the reuse grace userId={} family={}", stored.userId(),
                    stored.familyId());
            return new Rotated(stored.userId(), stored.familyId(), insert(stored.userId(), stored.familyId()));
        }
        jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ?").params(Timestamp.from(now), stored.id()).update();
        return new Rotated(stored.userId(), stored.familyId(), insert(stored.userId(), stored.familyId()));
    }

    /**
     * Revokes a family in a transaction of its own, committed whatever the caller does next. The owner's row is locked
     * first, as every other revocation does, so a rotation of the family in flight commits before the revocation
     * looks at the family's tokens, and the token it made is revoked with the rest.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int revokeFamilyNow(UUID familyId) {
        jdbc.sql("SELECT id FROM users WHERE id = (SELECT user_id FROM refresh_tokens WHERE family_id = ? LIMIT 1) "
                + "FOR UPDATE").param(familyId).query(UUID.class).optional();
        return revokeFamily(familyId);
    }

    /**
     * Whose token this is, if it is live — not spent, revoked or expired: only what could still refresh says whose
     * session a logout without an access token ends (a token rotated away long ago must not sign its owner out).
     */
    @Transactional(readOnly = true)
    public Optional<UUID> ownerOf(String presented) {
        return jdbc.sql("""
                        SELECT user_id FROM refresh_tokens
                        WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""")
                .params(hash(presented), Timestamp.from(clock.instant()))
                .query(UUID.class).optional();
    }

    /** Revokes the family of this token if it is the user's; @return whether it was. */
    @Transactional
    public boolean revokeFamilyOf(String presented, UUID userId) {
        return jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND user_id = ?")
                .params(hash(presented), userId).query(UUID.class).optional()
                .map(family -> revokeFamily(family) >= 0)
                .orElse(false);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeFamily(UUID familyId) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), familyId).update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeAll(UUID userId) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), userId).update();
    }

    private String insert(UUID userId, UUID familyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), familyId, userId, hash(token), Timestamp.from(now),
                        Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .update();
        return token;
    }

    private boolean withinReuseGrace(Instant usedAt, Instant now) {
        return now.isBefore(usedAt.plus(properties.refreshReuseGrace()));
    }

    private static Instant instantOrNull(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Rotated(UUID userId, UUID familyId, String refreshToken) {
    }

    private record Stored(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant usedAt, boolean revoked) {
    }

    /** Unknown, expired, spent or revoked: the four look the same. */
    public static class InvalidRefreshToken extends ApiException {
        public InvalidRefreshToken() {
            super(HttpStatus.UNAUTHORIZED, ProblemTypes.of("invalid-refresh-token"),
                    "The refresh token is invalid or expired; log in again.");
        }
    }

    /**
     * The token's whole family must go: a spent or revoked token was presented again, or its account is no longer
     * active. Answers like any invalid token; the caller revokes after its transaction rolled back.
     */
    public static final class FamilyToRevoke extends InvalidRefreshToken {

        private final UUID familyId;
        private final UUID stolenFrom;

        /** @param stolenFrom the user whose live family a spent token was presented from (a theft), else null */
        public FamilyToRevoke(UUID familyId, UUID stolenFrom) {
            this.familyId = familyId;
            this.stolenFrom = stolenFrom;
        }

        public UUID familyId() {
            return familyId;
        }

        /** The user a spent token of a live family was presented for: the thief may hold an access token too. */
        public Optional<UUID> stolenFrom() {
            return Optional.ofNullable(stolenFrom);
        }
    }

    /**
     * Deletes the families whose every token is past its expiry: every login and refresh adds a row, and such a
     * family opens nothing any more. A family with a live token keeps its used ones, so the owner's old token
     * presented after a thief rotated the family still revokes it. Every replica may run it: deleting is idempotent.
     *
     * @return how many tokens were deleted
     */
    @Scheduled(fixedDelayString = "${luxe.auth.housekeeping-every:1h}", initialDelay = 60_000)
    public int forgetExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            DELETE FROM refresh_tokens WHERE family_id IN (
                                SELECT family_id FROM refresh_tokens GROUP BY family_id
                                HAVING max(expires_at) < ? LIMIT 1000)""")
                    .param(now)
                    .update();
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
