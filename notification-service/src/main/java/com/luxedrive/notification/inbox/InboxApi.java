package com.luxedrive.notification.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

final class InboxApi {

    private InboxApi() {
    }

    record InboxItem(UUID id, String title, String message, String imageUrl, String type, String status,
                     Instant sentAt, Instant deliveredAt, Instant readAt, Instant archivedAt) {
    }

    /**
     * One page, newest first. {@code nextCursor} fetches the page after this one (null on the last); {@code page} and
     * {@code totalElements} are kept for clients that page by number.
     */
    record InboxPage(List<InboxItem> content, String nextCursor, int page, int size, long totalElements) {
    }

    /** What a socket pushes as {@code notification:received}: a notification this user has not acknowledged yet. */
    record Undelivered(UUID id, String title, String message, String imageUrl, String type, Instant timestamp,
                       List<UUID> vehicleIds) {
    }

    /** Oldest first; {@code more} when there were more than the page held (the rest follows their acknowledgement). */
    record UndeliveredPage(List<Undelivered> content, boolean more) {
    }

    /**
     * {@code GET /api/notifications/unread-count}. The contract names no field; the seed's client store and the
     * socket's {@code notification:acknowledged} call it {@code unreadCount}, so both names carry it.
     */
    record UnreadCount(long count, long unreadCount) {

        UnreadCount(long count) {
            this(count, count);
        }
    }

    record ReadState(UUID notificationId, String status, Instant readAt) {
    }

    record Updated(int updated) {
    }

    record Counts(long total, long unread, long read, long archived, Map<String, Long> byType) {
    }

    /** What the inbox lists: everything not archived, the unread or read part of it, or the archive. */
    enum Filter {
        ALL, UNREAD, READ, ARCHIVED;

        static Filter of(String status, boolean archived) {
            if (archived) {
                return ARCHIVED;
            }
            return status == null ? ALL : valueOf(status.toUpperCase(java.util.Locale.ROOT));
        }

        String sql() {
            return switch (this) {
                case ALL -> " AND h.archived_at IS NULL";
                case UNREAD -> " AND h.archived_at IS NULL AND h.status <> 'read'";
                case READ -> " AND h.archived_at IS NULL AND h.status = 'read'";
                case ARCHIVED -> " AND h.archived_at IS NOT NULL";
            };
        }
    }
}
