package com.luxedrive.notification.support;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Column values this service reads and writes with JDBC, null-safe. */
public final class SqlValues {

    private SqlValues() {
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }
}
