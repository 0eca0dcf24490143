package com.luxedrive.notification.recipients;

import com.luxedrive.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/** Which notification types a user has muted. Mandatory types always arrive and cannot be muted. */
@Service
class Preferences {

    private final JdbcClient jdbc;
    private final Clock clock;

    Preferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PreferencesApi.View of(UUID userId) {
        List<String> muted = jdbc.sql("SELECT muted_types FROM notification_preferences WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> strings(rs.getArray(1)))
                .optional()
                .orElse(List.of());
        return new PreferencesApi.View(muted, Recipients.MANDATORY_TYPES);
    }

    @Transactional
    PreferencesApi.View mute(UUID userId, List<String> types) {
        List<String> mandatory = types.stream().filter(Recipients.MANDATORY_TYPES::contains).toList();
        if (!mandatory.isEmpty()) {
            throw new ApiException.InvalidField("mutedTypes", "cannot mute mandatory types " + mandatory);
        }
        String[] muted = new TreeSet<>(types).toArray(String[]::new);
        jdbc.sql("""
                        INSERT INTO notification_preferences (user_id, muted_types, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET muted_types = EXCLUDED.muted_types,
                                                            updated_at = EXCLUDED.updated_at""")
                .params(userId, muted, Timestamp.from(clock.instant()))
                .update();
        return new PreferencesApi.View(List.of(muted), Recipients.MANDATORY_TYPES);
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
