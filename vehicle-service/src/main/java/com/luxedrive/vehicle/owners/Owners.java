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

    @Transactional
    void deactivate(UUID userId, Instant at) {
        jdbc.sql("UPDATE owner_users SET active = false, updated_at = ? WHERE user_id = ? AND updated_at <= ?")
                .params(Timestamp.from(at), userId, Timestamp.from(at))
                .update();
    }
}
