package com.luxedrive.notification.inbox;

import com.luxedrive.events.notifications.InboxChanged;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.notification.recipients.Recipients;
import com.luxedrive.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.luxedrive.notification.support.SqlValues.instant;

/**
 * One user's notifications. Every query is scoped by the user id: another user's row is simply not found. Status
 * moves sent → delivered → read; only the user's own "mark unread" moves it back, and a read receipt older than that
 * mark does not undo it.
 */
@Service
class Inbox {

    private static final String ITEM_COLUMNS = """
            SELECT n.id, n.title, n.message, n.image_url, n.type, h.status, h.sent_at, h.delivered_at, h.read_at,
                   h.archived_at
            FROM notification_history h JOIN notifications n ON n.id = h.notification_id""";

    /** The first key of this service's per-user advisory locks (any constant no other lock of the database uses). */
    private static final int INBOX_LOCK_SPACE = 0x1b0c;
    private static final String UNDELIVERED = """
            SELECT n.id, n.title, n.message, n.image_url, n.type, h.sent_at, h.vehicle_ids[1:%d] AS vehicle_ids
            FROM notification_history h JOIN notifications n ON n.id = h.notification_id
            WHERE h.user_id = ? AND h.sent_at > ? AND h.status = 'sent' AND h.archived_at IS NULL
            ORDER BY h.sent_at, h.notification_id LIMIT ?""".formatted(Recipients.VEHICLES_SHOWN);

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final Duration catchUpWindow;

    Inbox(JdbcClient jdbc, OutboxWriter outbox, Clock clock,
          @Value("${luxe.notifications.catch-up-window:90d}") Duration catchUpWindow) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.catchUpWindow = catchUpWindow;
    }

    /** A page by cursor (keyset: no page drifts when new notifications arrive), or by page number without one. */
    @Transactional(readOnly = true)
    InboxApi.InboxPage page(UUID userId, InboxApi.Filter filter, String cursor, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM notification_history h WHERE h.user_id = ?" + filter.sql())
                .param(userId).query(Long.class).single();
        List<InboxApi.InboxItem> items;
        if (cursor != null) {
            Cursor after = Cursor.parse(cursor);
            items = jdbc.sql(ITEM_COLUMNS + " WHERE h.user_id = ?" + filter.sql()
                            + " AND (h.sent_at, h.notification_id) < (?, ?)"
                            + " ORDER BY h.sent_at DESC, h.notification_id DESC LIMIT ?")
                    .params(userId, Timestamp.from(after.sentAt()), after.id(), size + 1)
                    .query(Inbox::item).list();
        } else {
            items = jdbc.sql(ITEM_COLUMNS + " WHERE h.user_id = ?" + filter.sql()
                            + " ORDER BY h.sent_at DESC, h.notification_id DESC LIMIT ? OFFSET ?")
                    .params(userId, size + 1, (long) page * size)
                    .query(Inbox::item).list();
        }
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            InboxApi.InboxItem last = items.get(size - 1);
            next = new Cursor(last.sentAt(), last.id()).encode();
        }
        return new InboxApi.InboxPage(items, next, cursor == null ? page : -1, size, total);
    }

    /**
     * What realtime-service replays on a (re)connect: notifications still {@code sent} (not acknowledged by any
     * device), oldest first, read through the user's index, sent within the catch-up window
     * ({@code luxe.notifications.catch-up-window}, 90 days): the index range read stays that of the window however
     * long the user's history grows (it started at their oldest row), and a device back after months is not sent a
     * burst of stale pushes — those stay in the inbox. A send to vehicles shows the user's own among them, at
     * most {@link Recipients#VEHICLES_SHOWN}, as its live push does.
     */
    @Transactional(readOnly = true)
    InboxApi.UndeliveredPage undelivered(UUID userId, int limit) {
        List<InboxApi.Undelivered> items = jdbc.sql(UNDELIVERED)
                .params(userId, Timestamp.from(clock.instant().minus(catchUpWindow)), limit + 1)
                .query((rs, row) -> new InboxApi.Undelivered(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getString("message"), rs.getString("image_url"), rs.getString("type"),
                        instant(rs, "sent_at"), uuids(rs.getArray("vehicle_ids"))))
                .list();
        boolean more = items.size() > limit;
        return new InboxApi.UndeliveredPage(more ? items.subList(0, limit) : items, more);
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    @Transactional(readOnly = true)
    InboxApi.UnreadCount unreadCount(UUID userId) {
        return new InboxApi.UnreadCount(unread(userId));
    }

    @Transactional(readOnly = true)
    InboxApi.Counts counts(UUID userId) {
        Map<String, Long> byType = new LinkedHashMap<>();
        long[] totals = new long[4];
        jdbc.sql("""
                        SELECT n.type,
                               count(*) FILTER (WHERE h.archived_at IS NULL),
                               count(*) FILTER (WHERE h.archived_at IS NULL AND h.status <> 'read'),
                               count(*) FILTER (WHERE h.archived_at IS NULL AND h.status = 'read'),
                               count(*) FILTER (WHERE h.archived_at IS NOT NULL)
                        FROM notification_history h JOIN notifications n ON n.id = h.notification_id
                        WHERE h.user_id = ? GROUP BY n.type ORDER BY n.type""")
                .param(userId)
                .query(rs -> {
                    byType.put(rs.getString(1), rs.getLong(2));
                    for (int i = 0; i < 4; i++) {
                        totals[i] += rs.getLong(i + 2);
                    }
                });
        return new InboxApi.Counts(totals[0], totals[1], totals[2], totals[3], byType);
    }

    /** Marks read (from REST) and tells the user's sockets; reading again keeps the first read time. */
    @Transactional
    InboxApi.ReadState markRead(UUID userId, UUID notificationId) {
        Instant now = clock.instant();
        setRead(userId, notificationId, now);
        InboxApi.ReadState state = jdbc.sql(
                        "SELECT status, read_at FROM notification_history WHERE notification_id = ? AND user_id = ?")
                .params(notificationId, userId)
                .query((rs, row) -> new InboxApi.ReadState(notificationId, rs.getString(1), instant(rs, "read_at")))
                .optional()
                .orElseThrow(() -> new ApiException.NotFound("notification"));
        announce(userId, notificationId, InboxChanged.READ, now);
        return state;
    }

    /**
     * A read receipt from a socket. A receipt made before the user's latest "mark unread" is ignored. One that read
     * it tells the user's sockets the count after (realtime-service's echo of the read carries none).
     *
     * @return whether it changed the notification's state (not read before, the user a recipient)
     */
    @Transactional
    boolean readReceipt(UUID userId, UUID notificationId, Instant at) {
        if (setRead(userId, notificationId, at) == 0) {
            return false;
        }
        announce(userId, notificationId, InboxChanged.READ, at);
        return true;
    }

    private int setRead(UUID userId, UUID notificationId, Instant at) {
        lockInbox(userId);
        return jdbc.sql("""
                        UPDATE notification_history
                        SET status = 'read', read_at = ?, delivered_at = coalesce(delivered_at, ?)
                        WHERE notification_id = ? AND user_id = ? AND status <> 'read'
                          AND (unread_marked_at IS NULL OR unread_marked_at < ?)""")
                .params(Timestamp.from(at), Timestamp.from(at), notificationId, userId, Timestamp.from(at))
                .update();
    }

    /**
     * A delivery receipt: delivered unless already delivered or read.
     *
     * @return whether it changed the notification's state (the first device to acknowledge it)
     */
    @Transactional
    boolean deliveredReceipt(UUID userId, UUID notificationId, Instant at) {
        return jdbc.sql("""
                        UPDATE notification_history SET status = 'delivered', delivered_at = ?
                        WHERE notification_id = ? AND user_id = ? AND status = 'sent'""")
                .params(Timestamp.from(at), notificationId, userId)
                .update() == 1;
    }

    /** The user's own step back: read becomes delivered again (it did reach a device). */
    @Transactional
    InboxApi.ReadState markUnread(UUID userId, UUID notificationId) {
        Instant now = clock.instant();
        lockInbox(userId);
        int changed = jdbc.sql("""
                        UPDATE notification_history
                        SET status = CASE WHEN delivered_at IS NULL THEN 'sent' ELSE 'delivered' END,
                            read_at = NULL, unread_marked_at = ?
                        WHERE notification_id = ? AND user_id = ?""")
                .params(Timestamp.from(now), notificationId, userId)
                .update();
        if (changed == 0) {
            throw new ApiException.NotFound("notification");
        }
        announce(userId, notificationId, InboxChanged.UNREAD, now);
        return jdbc.sql("SELECT status FROM notification_history WHERE notification_id = ? AND user_id = ?")
                .params(notificationId, userId)
                .query((rs, row) -> new InboxApi.ReadState(notificationId, rs.getString(1), null))
                .single();
    }

    @Transactional
    InboxApi.Updated markAllRead(UUID userId) {
        Instant now = clock.instant();
        lockInbox(userId);
        Timestamp at = Timestamp.from(now);
        int updated = jdbc.sql("""
                        UPDATE notification_history
                        SET status = 'read', read_at = ?, delivered_at = coalesce(delivered_at, ?)
                        WHERE user_id = ? AND status <> 'read' AND archived_at IS NULL""")
                .params(at, at, userId)
                .update();
        if (updated > 0) {
            announce(userId, null, InboxChanged.READ, now);
        }
        return new InboxApi.Updated(updated);
    }

    /**
     * Archives (keeping the first archive time) or brings back from the archive, and tells the user's sockets when it
     * changed: an unread notification archived leaves the unread count, brought back it counts again.
     */
    @Transactional
    InboxApi.Updated archive(UUID userId, UUID notificationId, boolean archived) {
        Instant now = clock.instant();
        lockInbox(userId);
        int changed = archived
                ? jdbc.sql("""
                                UPDATE notification_history SET archived_at = ?
                                WHERE notification_id = ? AND user_id = ? AND archived_at IS NULL""")
                        .params(Timestamp.from(now), notificationId, userId).update()
                : jdbc.sql("""
                                UPDATE notification_history SET archived_at = NULL
                                WHERE notification_id = ? AND user_id = ? AND archived_at IS NOT NULL""")
                        .params(notificationId, userId).update();
        if (changed == 0 && jdbc.sql("SELECT count(*) FROM notification_history WHERE notification_id = ? AND user_id = ?")
                .params(notificationId, userId).query(Long.class).single() == 0) {
            throw new ApiException.NotFound("notification");
        }
        if (changed > 0) {
            announce(userId, notificationId, archived ? InboxChanged.ARCHIVED : InboxChanged.UNARCHIVED, now);
        }
        return new InboxApi.Updated(1);
    }

    /** Archives every read notification; the unread count stays, the user's other devices' lists follow. */
    @Transactional
    InboxApi.Updated archiveAllRead(UUID userId) {
        Instant now = clock.instant();
        lockInbox(userId);
        int updated = jdbc.sql("""
                        UPDATE notification_history SET archived_at = ?
                        WHERE user_id = ? AND status = 'read' AND archived_at IS NULL""")
                .params(Timestamp.from(now), userId)
                .update();
        if (updated > 0) {
            announce(userId, null, InboxChanged.ARCHIVED, now);
        }
        return new InboxApi.Updated(updated);
    }

    /**
     * Orders, until commit, the transactions that change one user's read state, so the unread count each of them
     * announces counts the others' changes: two devices reading two notifications at once would otherwise each count
     * without the other's uncommitted change, and the last count announced be one too high.
     */
    private void lockInbox(UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
                .params(INBOX_LOCK_SPACE, userId.toString())
                .query((rs, row) -> row)
                .single();
    }

    /** Tells the user's sockets what changed and the unread count after, once the transaction commits. */
    private void announce(UUID userId, UUID notificationId, String status, Instant at) {
        outbox.append(new InboxChanged(userId, notificationId, status, unread(userId), at));
    }

    private long unread(UUID userId) {
        return jdbc.sql("""
                        SELECT count(*) FROM notification_history
                        WHERE user_id = ? AND status <> 'read' AND archived_at IS NULL""")
                .param(userId).query(Long.class).single();
    }

    private static InboxApi.InboxItem item(ResultSet rs, int row) throws SQLException {
        return new InboxApi.InboxItem(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("message"),
                rs.getString("image_url"), rs.getString("type"), rs.getString("status"), instant(rs, "sent_at"),
                instant(rs, "delivered_at"), instant(rs, "read_at"), instant(rs, "archived_at"));
    }

    /** Where a page ended: the last item's send time and id, opaque to clients. */
    private record Cursor(Instant sentAt, UUID id) {

        String encode() {
            String raw = sentAt.getEpochSecond() + "." + sentAt.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

        static Cursor parse(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
                Instant sentAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                // a forged instant far away would fail the query (or overflow the conversion) instead of the parse
                if (sentAt.isBefore(Instant.EPOCH) || sentAt.isAfter(LATEST)) {
                    throw new IllegalArgumentException("out of range");
                }
                return new Cursor(sentAt, UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new ApiException.InvalidField("cursor", "is not a cursor this service issued");
            }
        }
    }
}
