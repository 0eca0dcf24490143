package com.luxedrive.notification.sending;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.luxedrive.notification.support.SqlValues.instant;
import static com.luxedrive.notification.support.SqlValues.timestamp;
import static com.luxedrive.notification.support.SqlValues.uuids;

/** The {@code notifications} rows, as sending reads and writes them. */
@Component
class NotificationStore {

    private static final String COLUMNS = """
            id, title, message, image_url, type, target_type, vehicle_ids, user_ids, status, created_by, created_at,
            updated_at, scheduled_at, sent_at, cancelled_at, recipient_count""";

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(SendingApi.NotificationView n) {
        jdbc.sql("INSERT INTO notifications (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(n.id(), n.title(), n.message(), n.imageUrl(), n.type(), n.targetType(),
                        n.vehicleIds().toArray(UUID[]::new), n.userIds().toArray(UUID[]::new), n.status(),
                        n.createdBy(), timestamp(n.createdAt()), timestamp(n.updatedAt()), timestamp(n.scheduledAt()), timestamp(n.sentAt()),
                        timestamp(n.cancelledAt()), n.recipientCount())
                .update();
    }

    /** The row, locked until the transaction ends, so two replicas or two staff cannot send it twice. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<SendingApi.NotificationView> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE id = ? FOR UPDATE")
                .param(id).query(NotificationStore::view).optional();
    }

    /** Scheduled sends that are due and that no other replica is sending right now. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<SendingApi.NotificationView> lockDue(Instant now, int limit, Collection<UUID> passedOver) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notifications WHERE status = 'scheduled' AND scheduled_at <= ? AND id <> ALL (?)
                        ORDER BY scheduled_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(timestamp(now), passedOver.toArray(UUID[]::new), limit)
                .query(NotificationStore::view).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void update(SendingApi.NotificationView n) {
        jdbc.sql("""
                        UPDATE notifications SET title = ?, message = ?, image_url = ?, type = ?, target_type = ?,
                            vehicle_ids = ?, user_ids = ?, status = ?, updated_at = ?, scheduled_at = ?, sent_at = ?,
                            cancelled_at = ?, recipient_count = ?
                        WHERE id = ?""")
                .params(n.title(), n.message(), n.imageUrl(), n.type(), n.targetType(),
                        n.vehicleIds().toArray(UUID[]::new), n.userIds().toArray(UUID[]::new), n.status(),
                        timestamp(n.updatedAt()), timestamp(n.scheduledAt()), timestamp(n.sentAt()), timestamp(n.cancelledAt()),
                        n.recipientCount(), n.id())
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void delete(UUID id) {
        jdbc.sql("DELETE FROM notifications WHERE id = ?").param(id).update();
    }

    static SendingApi.NotificationView view(ResultSet rs, int row) throws SQLException {
        return new SendingApi.NotificationView(rs.getObject("id", UUID.class), rs.getString("title"),
                rs.getString("message"), rs.getString("image_url"), rs.getString("type"), rs.getString("target_type"),
                uuids(rs.getArray("vehicle_ids")), uuids(rs.getArray("user_ids")), rs.getString("status"),
                rs.getObject("created_by", UUID.class), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "scheduled_at"), instant(rs, "sent_at"), instant(rs, "cancelled_at"),
                rs.getInt("recipient_count"));
    }

}
