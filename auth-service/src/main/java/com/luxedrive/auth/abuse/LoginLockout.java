package com.luxedrive.auth.abuse;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

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
     * Refuses a locked email.
     *
     * @return whether it has failures on record, i.e. whether a success has something to clear
     */
    public boolean checkNotLocked(String email) {
        Instant now = clock.instant();
        var state = jdbc.sql("SELECT failures, locked_until FROM login_failures WHERE email_key = ?").param(key(email))
                .query((rs, row) -> new State(rs.getInt("failures"), rs.getTimestamp("locked_until")))
                .optional();
        state.map(State::lockedUntil)
                .filter(until -> until != null && until.toInstant().isAfter(now))
                .ifPresent(until -> {
                    throw new Locked(Duration.between(now, until.toInstant()));
                });
        return state.isPresent();
    }

    private record State(int failures, Timestamp lockedUntil) {
    }

    /** Counted in a transaction of its own: the failed login itself answers with an error and rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String email) {
        Instant now = clock.instant();
        Timestamp forgetBefore = Timestamp.from(now.minus(properties.failureWindow()));
        int failures = jdbc.sql("""
                        INSERT INTO login_failures (email_key, failures, last_failure_at) VALUES (?, 1, ?)
                        ON CONFLICT (email_key) DO UPDATE SET
                            failures = CASE WHEN login_failures.last_failure_at < ? THEN 1
                                            ELSE login_failures.failures + 1 END,
                            last_failure_at = EXCLUDED.last_failure_at
                        RETURNING failures""")
                .params(key(email), Timestamp.from(now), forgetBefore)
                .query(Integer.class).single();
        if (failures >= properties.maxFailures()) {
            Duration lockout = lockoutAfter(failures);
            jdbc.sql("UPDATE login_failures SET locked_until = ? WHERE email_key = ?")
                    .params(Timestamp.from(now.plus(lockout)), key(email)).update();
            log.warn("login locked email={} failures={} for={}", masked(email), failures, lockout);
        } else {
            log.info("login failed email={} failures={}", masked(email), failures);
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email_key = ?").param(key(email)).update();
    }

    Duration lockoutAfter(int failures) {
        int doublings = Math.min(failures - properties.maxFailures(), 20);
        Duration lockout = properties.firstLockout().multipliedBy(1L << doublings);
        return lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
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
}
