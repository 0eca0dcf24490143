package com.luxedrive.vehicle.owners;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Who may own a vehicle: active client accounts, as auth-service announced them on {@code luxe.users.v1}.
 * Answered from this service's own table, so no request waits on auth-service.
 */
@Service
public class Owners {

    private final JdbcClient jdbc;

    Owners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public boolean isActiveClient(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM owner_users WHERE user_id = ? AND active AND user_type = 'client'")
                .param(userId)
                .query(Long.class).single() == 1;
    }

    /** The account's whole current state; an older state arriving late does not undo a newer one. */
    @Transactional
    void record(UUID userId, String userType, boolean active, Instant at) {
        jdbc.sql("""
                        INSERT INTO owner_users (user_id, user_type, active, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE
                        SET user_type = EXCLUDED.user_type, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
                        WHERE owner_users.updated_at <= EXCLUDED.updated_at""")
                .params(userId, userType, active, Timestamp.from(at))
                .update();
    }

    /**
     * Also for an account not known yet: its registration may come after (the relay sets aside an event the broker
     * refuses for good, and an operator sends it again later), and must then not make the account an owner again. The
     * row it leaves is inactive, so the user type it guesses is never read.
     */
    @Transactional
    void deactivate(UUID userId, Instant at) {
        jdbc.sql("""
                        INSERT INTO owner_users (user_id, user_type, active, updated_at) VALUES (?, 'client', false, ?)
                        ON CONFLICT (user_id) DO UPDATE SET active = false, updated_at = EXCLUDED.updated_at
                        WHERE owner_users.updated_at <= EXCLUDED.updated_at""")
                .params(userId, Timestamp.from(at))
                .update();
    }
}
