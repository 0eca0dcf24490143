package db.migration;

import com.luxedrive.auth.email.EmailAddresses;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts are found by {@code email_key} ({@link EmailAddresses#key}), computed in Java because PostgreSQL's
 * {@code lower()} folds only what the database's collation knows (ASCII alone under {@code C}) and does not
 * normalise. Written in Java for the same reason: the existing rows' keys must be the ones the service computes.
 * Two existing accounts whose addresses fold to the same key (possible only before this migration) keep both: the
 * older one gets the key, the newer a key no address can have (the key, {@code #} and its id), and a warning is
 * logged so that an operator can merge them.
 */
public class V5__email_keys extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V5__email_keys.class);
    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE users ADD COLUMN email_key TEXT");
            // first: two addresses the old index told apart only by their Unicode form may be one once composed
            ddl.execute("DROP INDEX users_email_key");
        }
        Set<String> taken = new HashSet<>();
        try (Statement select = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE users SET email = ?, email_key = ? WHERE id = ?")) {
            select.setFetchSize(BATCH);
            try (ResultSet rows = select.executeQuery("SELECT id, email FROM users ORDER BY created_at, id")) {
                int pending = 0;
                while (rows.next()) {
                    UUID id = rows.getObject("id", UUID.class);
                    String email = rows.getString("email");
                    String key = EmailAddresses.key(email);
                    if (!taken.add(key)) {
                        log.warn("two accounts share one email address once case and Unicode forms are unified; "
                                + "the newer, {}, can no longer log in by it until an operator merges them", id);
                        key = key + "#" + id;
                    }
                    update.setString(1, EmailAddresses.displayed(email));
                    update.setString(2, key);
                    update.setObject(3, id);
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE users ALTER COLUMN email_key SET NOT NULL");
            ddl.execute("CREATE UNIQUE INDEX users_email_key_unique ON users (email_key)");
        }
    }
}
