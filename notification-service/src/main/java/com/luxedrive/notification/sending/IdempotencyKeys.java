package com.luxedrive.notification.sending;

import com.luxedrive.messaging.BatchedDelete;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} for {@code POST /api/notifications}, per sender. The key is claimed in the request's own
 * transaction: a concurrent retry waits on the claim and then reads the first answer; a failed request leaves no
 * claim behind, so it can be retried. A key is kept a day ({@code luxe.notifications.idempotency-keys-kept}), as
 * long as a client retries; after that the same key is a new request.
 */
@Component
class IdempotencyKeys {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration kept;

    IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock,
                    @Value("${luxe.notifications.idempotency-keys-kept:24h}") Duration kept) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.kept = kept;
    }

    /** @return how many keys older than their day were forgotten (every replica may run it: deleting is idempotent) */
    @Scheduled(fixedDelayString = "${luxe.notifications.idempotency-keys-purge-every:1h}", initialDelay = 60_000)
    int forgetExpired() {
        return BatchedDelete.repeat(jdbc, """
                DELETE FROM idempotency_keys WHERE (sender, idempotency_key) IN (
                    SELECT sender, idempotency_key FROM idempotency_keys WHERE created_at < ? LIMIT ?)""",
                5_000, Timestamp.from(clock.instant().minus(kept)));
    }

    /**
     * Empty when the key is new or past its day (now claimed); the first answer when it was used with the same
     * request within its day. A key past its day is taken over here, whether or not the hourly purge has run.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<SendingApi.SendResponse> claim(UUID sender, String key, SendingApi.SendRequest request) {
        String hash = hash(request);
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                        INSERT INTO idempotency_keys (sender, idempotency_key, request_hash, created_at)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (sender, idempotency_key) DO UPDATE
                        SET request_hash = excluded.request_hash, created_at = excluded.created_at, response = NULL
                        WHERE idempotency_keys.created_at < ?""")
                .params(sender, key, hash, Timestamp.from(now), Timestamp.from(now.minus(kept)))
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT request_hash, response FROM idempotency_keys WHERE sender = ? AND idempotency_key = ?")
                .params(sender, key)
                .query((rs, row) -> {
                    if (!hash.equals(rs.getString(1))) {
                        throw new SendingProblems.KeyReused();
                    }
                    return json.readValue(rs.getString(2), SendingApi.SendResponse.class);
                })
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void remember(UUID sender, String key, SendingApi.SendResponse response) {
        jdbc.sql("UPDATE idempotency_keys SET response = ? WHERE sender = ? AND idempotency_key = ?")
                .params(json.writeValueAsString(response), sender, key)
                .update();
    }

    private String hash(SendingApi.SendRequest request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
