package com.luxedrive.notification.reports;

import com.luxedrive.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.luxedrive.notification.support.SqlValues.instant;
import static com.luxedrive.notification.support.SqlValues.uuids;

/** Staff's view of what was sent and what became of it, computed from the per-recipient history. */
@Service
class Reports {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Duration ANALYTICS_PERIOD = Duration.ofDays(30);
    private static final String STATS = """
            SELECT notification_id, count(*) AS recipients,
                   count(*) FILTER (WHERE status IN ('delivered', 'read')) AS delivered,
                   count(*) FILTER (WHERE status = 'read') AS read,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM read_at - sent_at))
                       FILTER (WHERE read_at IS NOT NULL) AS median_read
            FROM notification_history WHERE notification_id = ANY (?) GROUP BY notification_id""";

    /**
     * The most listed users or vehicles a row of the staff list carries: a send may list 100 000, and a page of such
     * notifications was megabytes. Beyond it the row's {@code userIds} (or {@code vehicleIds}) is {@code null} —
     * never a shortened list a panel could take for the whole — and {@code userIdCount} says how many there are;
     * one notification's {@code GET} has them all.
     */
    static final int LISTED_IDS = 100;
    private static final String COLUMNS = """
            id, title, message, image_url, type, target_type, status, created_by, created_at, updated_at, scheduled_at,
            sent_at, cancelled_at, coalesce(cardinality(vehicle_ids), 0) AS vehicle_id_count,
            coalesce(cardinality(user_ids), 0) AS user_id_count, """;
    private static final String LISTED = COLUMNS
            + "CASE WHEN cardinality(vehicle_ids) > " + LISTED_IDS + " THEN NULL ELSE coalesce(vehicle_ids, '{}') END"
            + " AS vehicle_ids, "
            + "CASE WHEN cardinality(user_ids) > " + LISTED_IDS + " THEN NULL ELSE coalesce(user_ids, '{}') END"
            + " AS user_ids";
    private static final String WHOLE = COLUMNS + "vehicle_ids, user_ids";

    private final JdbcClient jdbc;
    private final Clock clock;

    Reports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Newest first, narrowed by status, type, creation period and a text search on title and message. */
    @Transactional(readOnly = true)
    ReportsApi.NotificationPage list(Filter filter, int page, int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.status() != null) {
            where.append(" AND status = ?");
            params.add(filter.status());
        }
        if (filter.type() != null) {
            where.append(" AND type = ?");
            params.add(filter.type());
        }
        if (filter.from() != null) {
            where.append(" AND created_at >= ?");
            params.add(timestamp("from", filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND created_at < ?");
            params.add(timestamp("to", filter.to()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" AND (title ILIKE ? ESCAPE '\\' OR message ILIKE ? ESCAPE '\\')");
            String pattern = "%" + filter.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(pattern);
            params.add(pattern);
        }
        long total = jdbc.sql("SELECT count(*) FROM notifications" + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Row> rows = jdbc.sql("SELECT " + LISTED + " FROM notifications" + where
                        + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(pageParams).query(Reports::row).list();
        Map<UUID, ReportsApi.Stats> stats = stats(rows.stream().map(Row::id).toList());
        return new ReportsApi.NotificationPage(rows.stream().map(row -> row.summary(stats.get(row.id()))).toList(),
                page, size, total);
    }

    @Transactional(readOnly = true)
    ReportsApi.NotificationSummary one(UUID id) {
        Row row = jdbc.sql("SELECT " + WHOLE + " FROM notifications WHERE id = ?").param(id).query(Reports::row).optional()
                .orElseThrow(() -> new ApiException.NotFound("notification"));
        return row.summary(stats(List.of(id)).get(id));
    }

    @Transactional(readOnly = true)
    ReportsApi.RecipientPage recipients(UUID id, String status, int page, int size) {
        // whether it exists, not its figures: those aggregate every recipient of the send, for each page asked
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM notifications WHERE id = ?)").param(id).query(Boolean.class)
                .single()) {
            throw new ApiException.NotFound("notification");
        }
        String filter = status == null ? "" : " AND status = ?";
        List<Object> params = new ArrayList<>(List.of(id));
        if (status != null) {
            params.add(status);
        }
        long total = jdbc.sql("SELECT count(*) FROM notification_history WHERE notification_id = ?" + filter)
                .params(params).query(Long.class).single();
        params.add(size);
        params.add((long) page * size);
        List<ReportsApi.Recipient> content = jdbc.sql("""
                        SELECT user_id, status, sent_at, delivered_at, read_at FROM notification_history
                        WHERE notification_id = ?""" + filter + " ORDER BY user_id LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> new ReportsApi.Recipient(rs.getObject(1, UUID.class), rs.getString(2),
                        instant(rs, "sent_at"), instant(rs, "delivered_at"), instant(rs, "read_at")))
                .list();
        return new ReportsApi.RecipientPage(content, page, size, total);
    }

    /**
     * Notifications sent in [from, to), with their recipients' delivery and read rates, overall and by type; {@code to}
     * defaults to now, {@code from} to {@link #ANALYTICS_PERIOD} before {@code to} (each checked for range first: a
     * {@code to} near the earliest instant has no period before it).
     */
    @Transactional(readOnly = true)
    ReportsApi.Analytics analytics(Instant since, Instant until) {
        Instant to = until == null ? clock.instant() : until;
        timestamp("to", to);
        Instant from = since == null ? to.minus(ANALYTICS_PERIOD) : since;
        timestamp("from", from);
        if (!from.isBefore(to)) {
            throw new ApiException.InvalidField("from", "must be before to");
        }
        List<ReportsApi.TypeFigures> byType = jdbc.sql("""
                        SELECT n.type, count(DISTINCT n.id), count(h.user_id),
                               count(h.user_id) FILTER (WHERE h.status IN ('delivered', 'read')),
                               count(h.user_id) FILTER (WHERE h.status = 'read')
                        FROM notifications n LEFT JOIN notification_history h ON h.notification_id = n.id
                        WHERE n.status = 'sent' AND n.sent_at >= ? AND n.sent_at < ?
                        GROUP BY n.type ORDER BY n.type""")
                .params(timestamp("from", from), timestamp("to", to))
                .query((rs, n) -> new ReportsApi.TypeFigures(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rate(rs.getLong(4), rs.getLong(3)), rate(rs.getLong(5), rs.getLong(3))))
                .list();
        long notifications = byType.stream().mapToLong(ReportsApi.TypeFigures::notifications).sum();
        long recipients = byType.stream().mapToLong(ReportsApi.TypeFigures::recipients).sum();
        double delivered = byType.stream().mapToDouble(t -> t.deliveryRate() * t.recipients()).sum();
        double read = byType.stream().mapToDouble(t -> t.readRate() * t.recipients()).sum();
        return new ReportsApi.Analytics(from, to, notifications, recipients,
                recipients == 0 ? 0 : delivered / recipients, recipients == 0 ? 0 : read / recipients, byType);
    }

    private Map<UUID, ReportsApi.Stats> stats(List<UUID> ids) {
        Map<UUID, ReportsApi.Stats> stats = new HashMap<>();
        if (ids.isEmpty()) {
            return stats;
        }
        jdbc.sql(STATS).param(ids.toArray(UUID[]::new)).query(rs -> {
            long recipients = rs.getLong("recipients");
            // no read yet: no median (wasNull answers for the column read last, so right after it)
            double median = rs.getDouble("median_read");
            Double medianOrNone = rs.wasNull() ? null : median;
            stats.put(rs.getObject("notification_id", UUID.class), new ReportsApi.Stats(recipients,
                    rs.getLong("delivered"), rs.getLong("read"), rate(rs.getLong("delivered"), recipients),
                    rate(rs.getLong("read"), recipients), medianOrNone));
        });
        return stats;
    }

    /** The instant as a query parameter; one outside the years 1–9999 is a 400, not a failed query. */
    private static Timestamp timestamp(String field, Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new ApiException.InvalidField(field, "must be between the years 1 and 9999");
        }
        return Timestamp.from(at);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("message"),
                rs.getString("image_url"), rs.getString("type"), rs.getString("target_type"),
                listed(rs, "vehicle_ids", "vehicle_id_count"), rs.getInt("vehicle_id_count"),
                listed(rs, "user_ids", "user_id_count"), rs.getInt("user_id_count"), rs.getString("status"),
                rs.getObject("created_by", UUID.class), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "scheduled_at"),
                instant(rs, "sent_at"), instant(rs, "cancelled_at"));
    }


    /** The ids, or null when the row left them out for their number (there are some, but no array). */
    private static List<UUID> listed(ResultSet rs, String ids, String count) throws SQLException {
        java.sql.Array array = rs.getArray(ids);
        return array == null && rs.getInt(count) > 0 ? null : uuids(array);
    }

    /** Narrowing of the staff list; every member is optional. */
    record Filter(String status, String type, Instant from, Instant to, String q) {
    }

    private record Row(UUID id, String title, String message, String imageUrl, String type, String targetType,
                       List<UUID> vehicleIds, int vehicleIdCount, List<UUID> userIds, int userIdCount, String status,
                       UUID createdBy, Instant createdAt,
                       Instant updatedAt, Instant scheduledAt, Instant sentAt, Instant cancelledAt) {

        ReportsApi.NotificationSummary summary(ReportsApi.Stats stats) {
            return new ReportsApi.NotificationSummary(id, title, message, imageUrl, type, targetType, vehicleIds,
                    vehicleIdCount, userIds, userIdCount, status, createdBy, createdAt, updatedAt, scheduledAt, sentAt, cancelledAt,
                    stats == null ? new ReportsApi.Stats(0, 0, 0, 0, 0, null) : stats);
        }
    }
}
