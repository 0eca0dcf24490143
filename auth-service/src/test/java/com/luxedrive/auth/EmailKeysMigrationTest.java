package com.luxedrive.auth;

import com.luxedrive.testsupport.Infrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V5 gives the accounts that existed before it the keys the service computes, on a database of its own. */
class EmailKeysMigrationTest {

    @Test
    void existingAccountsGetTheServicesKeysAndTwoThatFoldTogetherKeepBoth() {
        Infrastructure infrastructure = Infrastructure.get();
        String database = infrastructure.createDatabase("email_keys");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(infrastructure.jdbcUrl(database),
                infrastructure.username(), infrastructure.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Flyway.configure().dataSource(dataSource).target("4").load().migrate();
        UUID elise = insert(jdbc, "  \u00c9lise@Example.test ", Instant.parse("2026-01-01T00:00:00Z"));
        UUID twin = insert(jdbc, "e\u0301lise@example.test", Instant.parse("2026-02-01T00:00:00Z"));
        UUID bob = insert(jdbc, "BOB@example.test", Instant.parse("2026-03-01T00:00:00Z"));

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(keyOf(jdbc, elise)).isEqualTo("\u00e9lise@example.test");
        assertThat(emailOf(jdbc, elise)).isEqualTo("\u00c9lise@Example.test");
        assertThat(keyOf(jdbc, twin)).isEqualTo("\u00e9lise@example.test#" + twin);
        assertThat(emailOf(jdbc, twin)).isEqualTo("\u00e9lise@example.test");
        assertThat(keyOf(jdbc, bob)).isEqualTo("bob@example.test");
        assertThatThrownBy(() -> insert(jdbc, "bob@example.test", Instant.now(), "bob@example.test"))
                .hasMessageContaining("users_email_key_unique");
    }

    private static UUID insert(JdbcClient jdbc, String email, Instant createdAt, String... key) {
        UUID id = UUID.randomUUID();
        String columns = key.length == 0 ? "" : ", email_key";
        String values = key.length == 0 ? "" : ", '" + key[0] + "'";
        jdbc.sql("INSERT INTO users (id, email, password_hash, first_name, last_name, user_type, role, created_at, "
                        + "updated_at" + columns + ") VALUES (?, ?, 'x', 'A', 'B', 'client', 'client', ?, ?" + values + ")")
                .params(id, email, Timestamp.from(createdAt), Timestamp.from(createdAt))
                .update();
        return id;
    }

    private static String keyOf(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT email_key FROM users WHERE id = ?").param(id).query(String.class).single();
    }

    private static String emailOf(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT email FROM users WHERE id = ?").param(id).query(String.class).single();
    }
}
