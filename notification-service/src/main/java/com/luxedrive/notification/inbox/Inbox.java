package com.luxedrive.notification.inbox;

import com.luxedrive.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** One user's notifications. Every query is scoped by the user id: another user's row is simply not found. */
@Service
class Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    InboxApi.InboxPage page(UUID userId, boolean unreadOnly, int page, int size) {
        String filter = unreadOnly ? " AND h.status <> 'read'" : "";
        long total = jdbc.sql("SELECT count(*) FROM notification_history h WHERE h.user_id = ?" + filter)
                .param(userId).query(Long.class).single();
        var items = jdbc.sql("""
                        SELECT n.id, n.title, n.message, n.image_url, n.type, h.status, h.sent_at, h.delivered_at, h.read_at
                        FROM notification_history h JOIN notifications n ON n.id = h.notification_id
                        WHERE h.user_id = ?""" + filter + " ORDER BY h.sent_at DESC, n.id LIMIT ? OFFSET ?")
                .params(userId, size, (long) page * size)
                .query(Inbox::item)
                .list();
        return new InboxApi.InboxPage(items, page, size, total);
    }

    @Transactional(readOnly = true)
    InboxApi.UnreadCount unreadCount(UUID userId) {
        return new InboxApi.UnreadCount(jdbc.sql(
                        "SELECT count(*) FROM notification_history WHERE user_id = ? AND status <> 'read'")
                .param(userId).query(Long.class).single());
    }

    @Transactional
    InboxApi.ReadState markRead(UUID userId, UUID notificationId) {
        return markRead(userId, notificationId, clock.instant())
                .orElseThrow(() -> new ApiException.NotFound("notification"));
    }

    /** Marks read once; reading again keeps the first read time. Empty when the user is not a recipient. */
    @Transactional
    java.util.Optional<InboxApi.ReadState> markRead(UUID userId, UUID notificationId, Instant at) {
        jdbc.sql("""
                        UPDATE notification_history
                        SET status = 'read', read_at = ?, delivered_at = coalesce(delivered_at, ?)
                        WHERE notification_id = ? AND user_id = ? AND status <> 'read'""")
                .params(Timestamp.from(at), Timestamp.from(at), notificationId, userId)
                .update();
        return jdbc.sql("SELECT read_at FROM notification_history WHERE notification_id = ? AND user_id = ?")
                .params(notificationId, userId)
                .query((rs, row) -> new InboxApi.ReadState(notificationId, "read", rs.getTimestamp(1).toInstant()))
                .optional();
    }

    /** Marks delivered unless already delivered or read. */
    @Transactional
    void markDelivered(UUID userId, UUID notificationId, Instant at) {
        jdbc.sql("""
                        UPDATE notification_history SET status = 'delivered', delivered_at = ?
                        WHERE notification_id = ? AND user_id = ? AND status = 'sent'""")
                .params(Timestamp.from(at), notificationId, userId)
                .update();
    }

    @Transactional
    InboxApi.ReadAll markAllRead(UUID userId) {
        Timestamp now = Timestamp.from(clock.instant());
        return new InboxApi.ReadAll(jdbc.sql("""
                        UPDATE notification_history
                        SET status = 'read', read_at = ?, delivered_at = coalesce(delivered_at, ?)
                        WHERE user_id = ? AND status <> 'read'""")
                .params(now, now, userId)
                .update());
    }

    private static InboxApi.InboxItem item(ResultSet rs, int row) throws SQLException {
        return new InboxApi.InboxItem(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("message"),
                rs.getString("image_url"), rs.getString("type"), rs.getString("status"), instant(rs, "sent_at"),
                instant(rs, "delivered_at"), instant(rs, "read_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
