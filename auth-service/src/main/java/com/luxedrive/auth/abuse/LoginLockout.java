package com.luxedrive.auth.abuse;

import com.luxedrive.auth.email.EmailAddresses;
import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Locks an email after repeated failed logins, for a time that doubles with each further failure. Unknown emails are
 * counted and locked the same way, so a lockout says nothing about whether an account exists.
 */
@Component
public class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    private final JdbcClient jdbc;
    private final AbuseProperties properties;
    private final Clock clock;

    LoginLockout(JdbcClient jdbc, AbuseProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Counts a login attempt before its password is checked, and refuses it if the email is locked. The failures are
     * forgotten a failure window after the last failure or the end of the lock, whichever is later: counted from the
     * last failure alone, a lock as long as the window ({@code max-lockout} = {@code failure-window}) ended with its
     * failures forgotten, and every lock cycle started again from the first, short one. Counting first
     * means parallel guesses cannot all slip past the check: once the attempts exceed the limit, the attempt that
     * counts past it locks the email in the same statement, and every other attempt finds it locked. At most
     * {@code maxFailures + 1} passwords are checked per lockout.
     *
     * @return the attempt's number within the failure window
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int reserveAttempt(String email) {
        return reserve(key(email));
    }

    /**
     * The same for a signed-in user's current password (a password change): a counter of its own, so a stolen session
     * cannot guess on for ever, and someone who only knows the email, locking its logins, does not also stop its
     * owner changing the password from a live session.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int reservePasswordCheck(UUID userId) {
        return reserve(passwordCheckKey(userId));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordPasswordCheckFailure(UUID userId, int attempt) {
        failure(passwordCheckKey(userId), attempt);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordPasswordCheckSuccess(UUID userId) {
        success(passwordCheckKey(userId));
    }

    private int reserve(String key) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        Integer attempt = jdbc.sql("""
                        WITH params AS (SELECT ?::text AS k, ?::timestamptz AS now, ?::timestamptz AS forget_before,
                                               ?::int AS max_failures, ?::bigint AS first_ms, ?::bigint AS max_ms)
                        INSERT INTO login_failures AS f (email_key, failures, last_failure_at)
                        SELECT k, 1, now FROM params
                        ON CONFLICT (email_key) DO UPDATE SET
                            failures = CASE WHEN greatest(f.last_failure_at, f.locked_until)
                                                     < (SELECT forget_before FROM params) THEN 1
                                            ELSE f.failures + 1 END,
                            last_failure_at = EXCLUDED.last_failure_at,
                            locked_until = CASE
                                WHEN greatest(f.last_failure_at, f.locked_until) >= (SELECT forget_before FROM params)
                                     AND f.failures + 1 > (SELECT max_failures FROM params)
                                THEN (SELECT now FROM params) + least(
                                        (SELECT first_ms FROM params)
                                            * power(2, least(f.failures + 1 - (SELECT max_failures FROM params), 20)),
                                        (SELECT max_ms FROM params)) * interval '1 millisecond'
                                ELSE f.locked_until END
                        WHERE f.locked_until IS NULL OR f.locked_until <= (SELECT now FROM params)
                        RETURNING failures""")
                .params(key, at, Timestamp.from(now.minus(properties.failureWindow())),
                        properties.maxFailures(), properties.firstLockout().toMillis(),
                        properties.maxLockout().toMillis())
                .query(Integer.class).optional().orElse(null);
        if (attempt == null) {
            // locked; unless a successful login (another device of the user) lifted the lock in between: then the
            // row is gone, or unlocked, and this attempt counts as a new one
            Timestamp until = jdbc.sql("SELECT locked_until FROM login_failures WHERE email_key = ?")
                    .param(key)
                    .query((rs, row) -> rs.getTimestamp(1)).list().stream().findFirst().orElse(null);
            if (until != null && until.toInstant().isAfter(now)) {
                throw new Locked(Duration.between(now, until.toInstant()));
            }
            return reserve(key);
        }
        return attempt;
    }

    /** After a wrong password: from the limit on, the email is locked, for longer with every further failure. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String email, int attempt) {
        failure(key(email), attempt);
    }

    private void failure(String key, int attempt) {
        if (attempt >= properties.maxFailures()) {
            Duration lockout = lockoutAfter(attempt);
            Instant until = clock.instant().plus(lockout);
            jdbc.sql("""
                            UPDATE login_failures SET locked_until = greatest(coalesce(locked_until, ?), ?)
                            WHERE email_key = ?""")
                    .params(Timestamp.from(until), Timestamp.from(until), key).update();
            log.warn("password checks locked key={} failures={} for={}", masked(key), attempt, lockout);
        } else {
            log.info("password check failed key={} failures={}", masked(key), attempt);
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String email) {
        success(key(email));
    }

    private void success(String key) {
        jdbc.sql("DELETE FROM login_failures WHERE email_key = ?").param(key).update();
    }

    /** Not an email key: those all hold an {@code @} after their first character, this one none. */
    private static String passwordCheckKey(UUID userId) {
        return "password-check:" + userId;
    }

    Duration lockoutAfter(int failures) {
        int doublings = Math.min(failures - properties.maxFailures(), 20);
        Duration lockout = properties.firstLockout().multipliedBy(1L << doublings);
        return lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
    }

    private static String key(String email) {
        return EmailAddresses.key(email);
    }

    /** {@code a***@example.com}: enough to follow an attack in the logs, not enough to harvest addresses. */
    static String masked(String email) {
        String value = email.strip();
        int at = value.indexOf('@');
        return at <= 0 ? "***" : value.charAt(0) + "***" + value.substring(at);
    }

    static final class Locked extends ApiException.TooManyRequests {
        Locked(Duration retryAfter) {
            super(ProblemTypes.of("login-locked"), "Too many failed logins; try again later.", retryAfter);
        }
    }

    /**
     * Forgets the emails whose failures and lock are past the window: a row is kept for every email
     * ever tried and failed (known or not), so credential stuffing with unknown addresses left rows for ever.
     *
     * @return how many were forgotten
     */
    @Scheduled(fixedDelayString = "${luxe.auth.housekeeping-every:1h}", initialDelay = 60_000)
    public int forgetStale() {
        Instant now = clock.instant();
        Timestamp forgetBefore = Timestamp.from(now.minus(properties.failureWindow()));
        // greatest(last_failure_at, locked_until) < ?, written so the index on last_failure_at serves it
        return jdbc.sql("""
                        DELETE FROM login_failures
                        WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)""")
                .params(forgetBefore, forgetBefore)
                .update();
    }
}
