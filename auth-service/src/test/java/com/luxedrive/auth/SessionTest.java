package com.luxedrive.auth;

import com.luxedrive.auth.session.RefreshTokens;
import com.luxedrive.auth.token.TokenIssuer;
import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.users.TokenRevocations;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.events.users.UserUpdated;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.luxedrive.auth.AuthApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class SessionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TokenIssuer tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefreshTokens refreshTokens;

    @Autowired
    TransactionTemplate transactions;

    AuthApi api() {
        return new AuthApi(mvc);
    }

    @Test
    void aRefreshTokenIsExchangedForANewPairAndTheNewAccessTokenWorks() throws Exception {
        JsonNode session = api().newClient();

        JsonNode refreshed = body(api().refresh(session.path("refreshToken").asString()).andExpect(status().isOk()));

        assertThat(refreshed.path("refreshToken").asString()).isNotEqualTo(session.path("refreshToken").asString());
        api().me(refreshed.path("token").asString()).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(session.path("user").path("id").asString()));
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() throws Exception {
        JsonNode session = api().newClient();
        String first = session.path("refreshToken").asString();
        String second = body(api().refresh(first).andExpect(status().isOk())).path("refreshToken").asString();
        usedLongerAgoThanTheReuseGrace(session);

        api().refresh(first).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/invalid-refresh-token"));

        api().refresh(second).andExpect(status().isUnauthorized());
    }

    /**
     * The spent token came back: whoever rotated it first (the thief, or the owner whose copy was stolen) also holds an
     * access token, which must not outlive the family: it is revoked (here on the staff routes, which check it) and the
     * user's sockets are told, as after a logout.
     */
    @Test
    void reusingASpentRefreshTokenAlsoRevokesTheAccessTokenOfWhoeverRotatedIt() throws Exception {
        JsonNode session = api().newClient();
        String userId = session.path("user").path("id").asString();
        jdbc.sql("UPDATE users SET role = 'admin', user_type = 'admin' WHERE id = ?").param(UUID.fromString(userId))
                .update();
        String first = session.path("refreshToken").asString();
        String thiefs = body(api().refresh(first).andExpect(status().isOk())).path("token").asString();
        mvc.perform(get("/api/auth/admin/users").header("Authorization", "Bearer " + thiefs))
                .andExpect(status().isOk());
        usedLongerAgoThanTheReuseGrace(session);

        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            api().refresh(first).andExpect(status().isUnauthorized());

            mvc.perform(get("/api/auth/admin/users").header("Authorization", "Bearer " + thiefs))
                    .andExpect(status().isUnauthorized());
            await().atMost(Duration.ofSeconds(30)).until(() -> users.records().stream()
                    .anyMatch(r -> r.key().equals(userId) && type(r.headers().lastHeader("ce_type").value())
                            .equals("com.luxedrive.user.logged-out.v1")));
        }
    }

    /**
     * What a reuse's revocation racing the thief's rotation left: the spent token revoked, the one the rotation was
     * committing meanwhile not (the revocation's snapshot was older). Its holder could rotate on for good.
     */
    @Test
    void aTokenOfAFamilyWithARevokedTokenIsRefusedAndRevokesTheFamily() throws Exception {
        JsonNode session = api().newClient();
        String first = session.path("refreshToken").asString();
        String second = body(api().refresh(first).andExpect(status().isOk())).path("refreshToken").asString();
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ? AND used_at IS NOT NULL")
                .param(UUID.fromString(session.path("user").path("id").asString())).update();

        api().refresh(second).andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL")
                .param(UUID.fromString(session.path("user").path("id").asString())).query(Long.class).single())
                .isZero();
        // a revoked family's token presented (an app's after its logout) is no theft: access tokens are left alone
        assertThat(jdbc.sql("SELECT tokens_not_before IS NULL FROM users WHERE id = ?")
                .param(UUID.fromString(session.path("user").path("id").asString())).query(Boolean.class).single())
                .isTrue();
    }

    /** Two tabs, or a retried request, refreshing with the same token at once: both get a pair, nobody is logged out. */
    @Test
    void aTokenPresentedAgainWithinTheReuseGraceGetsItsOwnPairAndRevokesNothing() throws Exception {
        JsonNode session = api().newClient();
        String first = session.path("refreshToken").asString();

        JsonNode tab1 = body(api().refresh(first).andExpect(status().isOk()));
        JsonNode tab2 = body(api().refresh(first).andExpect(status().isOk()));

        assertThat(tab2.path("refreshToken").asString()).isNotEqualTo(tab1.path("refreshToken").asString());
        api().me(tab2.path("token").asString()).andExpect(status().isOk());
        JsonNode next1 = body(api().refresh(tab1.path("refreshToken").asString()).andExpect(status().isOk()));
        JsonNode next2 = body(api().refresh(tab2.path("refreshToken").asString()).andExpect(status().isOk()));
        // one family still: a reuse past the grace revokes both branches
        usedLongerAgoThanTheReuseGrace(session);
        api().refresh(first).andExpect(status().isUnauthorized());
        api().refresh(next1.path("refreshToken").asString()).andExpect(status().isUnauthorized());
        api().refresh(next2.path("refreshToken").asString()).andExpect(status().isUnauthorized());
    }

    /** Time passing, for the refresh tokens' reuse grace: their uses moved a minute back. */
    private void usedLongerAgoThanTheReuseGrace(JsonNode session) {
        jdbc.sql("UPDATE refresh_tokens SET used_at = used_at - interval '1 minute' WHERE user_id = ?")
                .param(UUID.fromString(session.path("user").path("id").asString())).update();
    }

    @Test
    void aStaleAccessTokenSentAlongDoesNotBlockRefreshOrLogin() throws Exception {
        String email = AuthApi.uniqueEmail();
        JsonNode session = body(api().register(email, AuthApi.PASSWORD));
        String token = session.path("token").asString();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW9mLW5vYm9keQ";
        String stale = "Bearer " + forged;

        mvc.perform(post("/api/auth/refresh").header("Authorization", stale).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"" + session.path("refreshToken").asString() + "\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/auth/login").header("Authorization", stale).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + AuthApi.PASSWORD + "\"}"))
                .andExpect(status().isOk());
        api().me(forged).andExpect(status().isUnauthorized());
    }

    @Test
    void anUnknownRefreshTokenIsUnauthorized() throws Exception {
        api().refresh("made-up-token").andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void logoutRevokesTheRefreshTokenAndAnnouncesIt() throws Exception {
        JsonNode session = api().newClient();
        String userId = session.path("user").path("id").asString();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            mvc.perform(post("/api/auth/logout").header("Authorization", "Bearer " + session.path("token").asString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"refreshToken\":\"" + session.path("refreshToken").asString() + "\"}"))
                    .andExpect(status().isNoContent());

            api().refresh(session.path("refreshToken").asString()).andExpect(status().isUnauthorized());
            await().atMost(Duration.ofSeconds(30)).until(() -> users.records().stream()
                    .anyMatch(r -> r.key().equals(userId) && type(r.headers().lastHeader("ce_type").value())
                            .equals("com.luxedrive.user.logged-out.v1")
                            && EventJson.read(r.value(), UserLoggedOut.class).userId().toString().equals(userId)));
        }
        mvc.perform(post("/api/auth/logout")).andExpect(status().isUnauthorized());
    }

    /**
     * An app back after its access token expired: its logout was a 401, and the session's refresh token stayed
     * good for its 14 days. The refresh token now says whose session ends.
     */
    @Test
    void aLogoutWithoutAValidAccessTokenEndsTheSessionOfTheRefreshTokenGiven() throws Exception {
        JsonNode session = api().newClient();
        UUID userId = UUID.fromString(session.path("user").path("id").asString());
        String refreshToken = session.path("refreshToken").asString();

        mvc.perform(post("/api/auth/logout").header("Authorization", "Bearer " + TestTokens.expired(userId,
                                Duration.ofMinutes(5)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"" + refreshToken + "\"}"))
                .andExpect(status().isNoContent());
        api().refresh(refreshToken).andExpect(status().isUnauthorized());

        mvc.perform(post("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"not-a-token-anyone-was-given\"}"))
                .andExpect(status().isUnauthorized());
        // a spent token (rotated away, or revoked by this logout) signs nobody out: its holder could not refresh
        JsonNode again = api().newClient();
        String spent = again.path("refreshToken").asString();
        api().refresh(spent).andExpect(status().isOk());
        mvc.perform(post("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"" + spent + "\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"" + refreshToken + "\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/logout").header("Authorization", "Bearer expired.or.forged"))
                .andExpect(status().isUnauthorized());
    }

    /**
     * A refresh holding the user row (it has rotated, not yet committed) while the user logs out everywhere, with the
     * access-token revocation already at this second (another device logged out moments ago): the logout waits for
     * the refresh and revokes the token it made. It used to pass by, and that token outlived the logout.
     */
    @Test
    void aLogoutRevokesTheTokenOfARefreshCommittingMeanwhile() throws Exception {
        JsonNode session = api().newClient();
        UUID userId = UUID.fromString(session.path("user").path("id").asString());
        jdbc.sql("UPDATE users SET tokens_not_before = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS)), userId).update();
        CountDownLatch rotated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<RefreshTokens.Rotated> refresh = threads.submit(() -> transactions.execute(tx -> {
                RefreshTokens.Rotated next = refreshTokens.rotate(session.path("refreshToken").asString());
                rotated.countDown();
                awaitQuietly(release);
                return next;
            }));
            assertThat(rotated.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Integer> logout = threads.submit(() -> mvc.perform(post("/api/auth/logout")
                            .header("Authorization", "Bearer " + session.path("token").asString()))
                    .andReturn().getResponse().getStatus());
            // the logout waits on a lock the refresh holds (or, without one, would finish first)
            await().atMost(Duration.ofSeconds(30)).until(() -> logout.isDone() || jdbc.sql(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Long.class).single() > 0);
            release.countDown();

            String made = refresh.get(30, TimeUnit.SECONDS).refreshToken();
            assertThat(logout.get(30, TimeUnit.SECONDS)).isEqualTo(204);
            api().refresh(made).andExpect(status().isUnauthorized());
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /**
     * A thief with the old password and a stolen access token changes it while the user does: the thief's change,
     * checked against the old hash before the user's committed, overwrote the user's afterwards.
     */
    @Test
    void aPasswordChangeDoesNotOverwriteOneCommittedSinceItsCurrentPasswordWasChecked() throws Exception {
        String email = AuthApi.uniqueEmail();
        JsonNode session = body(api().register(email, AuthApi.PASSWORD).andExpect(status().isCreated()));
        UUID userId = UUID.fromString(session.path("user").path("id").asString());
        String usersNewHash = jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(userId)
                .query(String.class).single().replaceFirst(".$", "x");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // the user's own change, holding the row until released
            Future<?> users = threads.submit(() -> transactions.executeWithoutResult(tx -> {
                jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(usersNewHash, userId).update();
                locked.countDown();
                awaitQuietly(release);
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Integer> thiefs = threads.submit(() -> mvc.perform(post("/api/auth/me/password")
                            .header("Authorization", "Bearer " + session.path("token").asString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"currentPassword\":\"" + AuthApi.PASSWORD
                                    + "\",\"newPassword\":\"the thief's own secret\"}"))
                    .andReturn().getResponse().getStatus());
            // the thief's change has checked the old password and waits on the row
            await().atMost(Duration.ofSeconds(30)).until(() -> thiefs.isDone() || jdbc.sql(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Long.class).single() > 0);
            release.countDown();
            users.get(30, TimeUnit.SECONDS);

            assertThat(thiefs.get(30, TimeUnit.SECONDS)).isEqualTo(400);
            assertThat(jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(userId).query(String.class)
                    .single()).isEqualTo(usersNewHash);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSignInRightAfterALogoutGetsATokenTheLogoutDoesNotRevokeWhileEveryEarlierTokenIsRevoked() throws Exception {
        String email = AuthApi.uniqueEmail();
        JsonNode before = body(api().register(email, AuthApi.PASSWORD).andExpect(status().isCreated()));
        String userId = before.path("user").path("id").asString();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            mvc.perform(post("/api/auth/logout").header("Authorization", "Bearer " + before.path("token").asString()))
                    .andExpect(status().isNoContent());
            // most often in the logout's second, where whole-second issue times cannot tell before from after
            JsonNode after = body(api().login(email, AuthApi.PASSWORD).andExpect(status().isOk()));

            UserLoggedOut logout = await().atMost(Duration.ofSeconds(30)).until(() -> users.records().stream()
                    .filter(r -> r.key().equals(userId) && type(r.headers().lastHeader("ce_type").value())
                            .equals("com.luxedrive.user.logged-out.v1"))
                    .map(r -> EventJson.read(r.value(), UserLoggedOut.class))
                    .findFirst().orElse(null), Objects::nonNull);
            Instant notBefore = TokenRevocations.notBefore(logout.loggedOutAt());
            assertThat(TestTokens.issuedAt(before.path("token").asString())).isBefore(notBefore);
            assertThat(TestTokens.issuedAt(after.path("token").asString())).isAfterOrEqualTo(notBefore)
                    .isBeforeOrEqualTo(Instant.now().plusSeconds(1));
        }
    }

    @Test
    void aTokenIsNeverStampedBeforeItsSubjectsNotBefore() {
        UUID user = UUID.randomUUID();
        Instant ahead = TokenRevocations.notBefore(Instant.now().plusMillis(1500));

        Instant stamped = TestTokens.issuedAt(tokens.issue(new TokenIssuer.Subject(user, "a@luxe.test", "A B",
                "client", "client", ahead)).value());
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant unrevoked = TestTokens.issuedAt(tokens.issue(new TokenIssuer.Subject(user, "a@luxe.test", "A B",
                "client", "client", null)).value());
        Instant revokedLongAgo = TestTokens.issuedAt(tokens.issue(new TokenIssuer.Subject(user, "a@luxe.test", "A B",
                "client", "client", start.minusSeconds(3600))).value());

        assertThat(stamped).isEqualTo(ahead);
        assertThat(unrevoked).isBetween(start, Instant.now());
        assertThat(revokedLongAgo).as("a revocation in the past changes nothing").isBetween(start, Instant.now());
    }

    @Test
    void changingThePasswordEndsOtherSessionsAndTheOldPasswordStopsWorking() throws Exception {
        String email = AuthApi.uniqueEmail();
        JsonNode session = body(api().register(email, AuthApi.PASSWORD));
        String token = session.path("token").asString();
        String userId = session.path("user").path("id").asString();
        TopicProbe users = TopicProbe.open(Topics.USERS);

        mvc.perform(post("/api/auth/me/password").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"wrong password!\",\"newPassword\":\"a brand new secret\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/auth/me/password").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + AuthApi.PASSWORD + "\",\"newPassword\":\"a brand new secret\"}"))
                .andExpect(status().isNoContent());

        api().refresh(session.path("refreshToken").asString()).andExpect(status().isUnauthorized());
        api().login(email, AuthApi.PASSWORD).andExpect(status().isUnauthorized());
        api().login(email, "a brand new secret").andExpect(status().isOk());
        // announced as a sign-out, so the user's sockets (perhaps an intruder's) close and the older tokens are refused
        try (users) {
            await().atMost(Duration.ofSeconds(30)).until(() -> users.records().stream()
                    .anyMatch(r -> r.key().equals(userId) && type(r.headers().lastHeader("ce_type").value())
                            .equals("com.luxedrive.user.logged-out.v1")));
        }
    }

    @Test
    void aProfileUpdateCannotChangeRoleTypeOrActivity() throws Exception {
        JsonNode session = api().newClient();
        String userId = session.path("user").path("id").asString();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            mvc.perform(patch("/api/auth/me").header("Authorization", "Bearer " + session.path("token").asString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"firstName":"Augusta","lastName":"King","role":"admin","userType":"admin",
                                     "isActive":false,"active":false,"email":"root@luxe.test"}"""))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.fullName").value("Augusta King"))
                    .andExpect(jsonPath("$.role").value("client"))
                    .andExpect(jsonPath("$.userType").value("client"))
                    .andExpect(jsonPath("$.active").value(true))
                    .andExpect(jsonPath("$.email").value(session.path("user").path("email").asString()));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(users.records())
                    .filteredOn(r -> r.key().equals(userId)
                            && type(r.headers().lastHeader("ce_type").value()).equals("com.luxedrive.user.updated.v1"))
                    .singleElement()
                    .satisfies(r -> assertThat(EventJson.read(r.value(), UserUpdated.class).fullName())
                            .isEqualTo("Augusta King")));
        }
    }

    @Test
    void aProfilePatchChangesOnlyTheFieldsItNamesAndANullPhoneRemovesIt() throws Exception {
        JsonNode session = api().newClient();
        String bearer = "Bearer " + session.path("token").asString();
        String firstName = session.path("user").path("firstName").asString();
        String lastName = session.path("user").path("lastName").asString();

        patchMe(bearer, "{\"phone\":\"+33 6 12 34 56 78\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value("+33 6 12 34 56 78"))
                .andExpect(jsonPath("$.firstName").value(firstName))
                .andExpect(jsonPath("$.lastName").value(lastName));
        patchMe(bearer, "{\"firstName\":\" Augusta \"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.firstName").value("Augusta"))
                .andExpect(jsonPath("$.lastName").value(lastName))
                .andExpect(jsonPath("$.phone").value("+33 6 12 34 56 78"));
        patchMe(bearer, "{\"phone\":null,\"lastName\":null}").andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").doesNotExist())
                .andExpect(jsonPath("$.lastName").value(lastName));
        patchMe(bearer, "{\"lastName\":\"  \",\"phone\":\"call me\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'lastName')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')]").exists());
        mvc.perform(get("/api/auth/me").header("Authorization", bearer))
                .andExpect(jsonPath("$.fullName").value("Augusta " + lastName))
                .andExpect(jsonPath("$.phone").doesNotExist());
    }

    private ResultActions patchMe(String bearer, String body) throws Exception {
        return mvc.perform(patch("/api/auth/me").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String type(byte[] header) {
        return new String(header, StandardCharsets.UTF_8);
    }
}
