package com.luxedrive.notification.recipients;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Writes a notification's per-recipient history rows, set-based, straight from the projection. */
@Component
public class Recipients {

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many history rows were written: one per active client */
    @Transactional(propagation = Propagation.MANDATORY)
    public int addAllActiveClients(UUID notificationId, Instant sentAt) {
        return jdbc.sql("""
                        INSERT INTO notification_history (notification_id, user_id, status, sent_at)
                        SELECT ?, user_id, 'sent', ? FROM recipient_users WHERE active AND user_type = 'client'""")
                .params(notificationId, Timestamp.from(sentAt))
                .update();
    }

    /** @return how many history rows were written: one per listed user the projection knows as active */
    @Transactional(propagation = Propagation.MANDATORY)
    public int addUsers(UUID notificationId, Collection<UUID> userIds, Instant sentAt) {
        return jdbc.sql("""
                        INSERT INTO notification_history (notification_id, user_id, status, sent_at)
                        SELECT ?, user_id, 'sent', ? FROM recipient_users WHERE active AND user_id = ANY (?)""")
                .params(notificationId, Timestamp.from(sentAt), userIds.toArray(UUID[]::new))
                .update();
    }

    /** The listed ids the projection does not know as active users. */
    @Transactional(readOnly = true)
    public List<UUID> unknownUsers(Collection<UUID> userIds) {
        return jdbc.sql("""
                        SELECT id FROM unnest(?::uuid[]) AS requested(id)
                        WHERE NOT EXISTS (SELECT 1 FROM recipient_users r WHERE r.user_id = requested.id AND r.active)""")
                .param(userIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }
}
