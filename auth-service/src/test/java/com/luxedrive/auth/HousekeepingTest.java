package com.luxedrive.auth;

import com.luxedrive.auth.abuse.LoginLockout;
import com.luxedrive.auth.session.RefreshTokens;
import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.auth.AuthApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every login, refresh and failed login adds a row; what can no longer matter is deleted. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class HousekeepingTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefreshTokens refreshTokens;

    @Autowired
    LoginLockout lockout;

    @Test
    void expiredRefreshTokensAreDeletedAndLiveOnesStillRefresh() throws Exception {
        AuthApi api = new AuthApi(mvc);
        String email = AuthApi.uniqueEmail();
        JsonNode first = body(api.register(email, AuthApi.PASSWORD).andExpect(status().isCreated()));
        String userId = first.path("user").path("id").asString();
        JsonNode second = body(api.login(email, AuthApi.PASSWORD).andExpect(status().isOk()));
        // the first session's token expired yesterday
        jdbc.sql("""
                        UPDATE refresh_tokens SET expires_at = ? WHERE user_id = ?
                          AND created_at = (SELECT min(created_at) FROM refresh_tokens WHERE user_id = ?)""")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(1))), UUID.fromString(userId),
                        UUID.fromString(userId))
                .update();

        refreshTokens.forgetExpired();

        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = ?").param(UUID.fromString(userId))
                .query(Long.class).single()).isEqualTo(1);
        api.refresh(first.path("refreshToken").asString()).andExpect(status().isUnauthorized());
        api.refresh(second.path("refreshToken").asString()).andExpect(status().isOk());
    }

    /**
     * A family with a live token keeps its used ones, expired or not: the owner's old token, presented after a thief
     * rotated the family on, must still revoke it.
     */
    @Test
    void aUsedTokenPastItsExpiryIsKeptWhileItsFamilyLivesSoItsReuseStillRevokesTheFamily() throws Exception {
        AuthApi api = new AuthApi(mvc);
        JsonNode session = api.newClient();
        String stolen = session.path("refreshToken").asString();
        JsonNode thief = body(api.refresh(stolen).andExpect(status().isOk()));
        // time passing: the stolen token expired, and was used longer ago than the reuse grace
        jdbc.sql("""
                        UPDATE refresh_tokens SET expires_at = ?, used_at = used_at - interval '1 minute'
                        WHERE user_id = ? AND used_at IS NOT NULL""")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(1))),
                        UUID.fromString(session.path("user").path("id").asString()))
                .update();

        refreshTokens.forgetExpired();

        api.refresh(stolen).andExpect(status().isUnauthorized());
        api.refresh(thief.path("refreshToken").asString()).andExpect(status().isUnauthorized());
    }

    @Test
    void staleLoginFailuresAreForgottenButALockAndRecentFailuresAreKept() {
        String stale = "stale-" + UUID.randomUUID();
        String locked = "locked-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        Instant longAgo = Instant.now().minus(Duration.ofDays(2));
        failures(stale, longAgo, null);
        failures(locked, longAgo, Instant.now().plus(Duration.ofHours(1)));
        failures(recent, Instant.now(), null);

        lockout.forgetStale();

        assertThat(jdbc.sql("SELECT email_key FROM login_failures WHERE email_key IN (?, ?, ?)")
                .params(stale, locked, recent).query(String.class).list()).containsExactlyInAnyOrder(locked, recent);
    }

    private void failures(String emailKey, Instant last, Instant lockedUntil) {
        jdbc.sql("INSERT INTO login_failures (email_key, failures, last_failure_at, locked_until) VALUES (?, 3, ?, ?)")
                .params(emailKey, Timestamp.from(last), lockedUntil == null ? null : Timestamp.from(lockedUntil))
                .update();
    }
}
