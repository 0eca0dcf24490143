package com.luxedrive.auth;

import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.UUID;

import static com.luxedrive.auth.AuthApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The only test class with this configuration, so the bootstrap admin created at start-up is still there. */
@SpringBootTest(properties = {
        "luxe.bootstrap.admin.email=root@luxe.test",
        "luxe.bootstrap.admin.password=bootstrap password 1"})
@AutoConfigureMockMvc
@RealInfrastructure
class StaffAdministrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    String adminToken;
    String adminId;

    @BeforeEach
    void logInAsTheBootstrapAdmin() throws Exception {
        JsonNode session = body(new AuthApi(mvc).login("root@luxe.test", "bootstrap password 1")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.role").value("admin"))
                .andExpect(jsonPath("$.user.userType").value("admin")));
        adminToken = session.path("token").asString();
        adminId = session.path("user").path("id").asString();
    }

    @Test
    void anAdminCreatesSupportStaffWhoLogInAsStaff() throws Exception {
        String email = AuthApi.uniqueEmail();
        createStaff(email, "support").andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("support"))
                .andExpect(jsonPath("$.userType").value("admin"));

        new AuthApi(mvc).login(email, AuthApi.PASSWORD).andExpect(status().isOk())
                .andExpect(jsonPath("$.user.role").value("support"));
        createStaff(email.toUpperCase(), "admin").andExpect(status().isConflict());
        createStaff(AuthApi.uniqueEmail(), "client").andExpect(status().isBadRequest());
    }

    /** Support staff may look users up; creating, changing or deactivating accounts is for admins (ADR 18). */
    @Test
    void supportStaffReadTheUsersAndChangeNoAccount() throws Exception {
        String email = AuthApi.uniqueEmail();
        createStaff(email, "support").andExpect(status().isCreated());
        String support = "Bearer " + body(new AuthApi(mvc).login(email, AuthApi.PASSWORD)).path("token").asString();

        mvc.perform(get("/api/auth/admin/users").header("Authorization", support)).andExpect(status().isOk());
        mvc.perform(post("/api/auth/admin/users").header("Authorization", support)
                        .contentType(MediaType.APPLICATION_JSON).content(staffJson(AuthApi.uniqueEmail(), "admin")))
                .andExpect(status().isForbidden());
    }

    @Test
    void staffSearchIsPagedSortedAndFiltered() throws Exception {
        String marker = "zed" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            new AuthApi(mvc).register(marker + i + "@example.test", AuthApi.PASSWORD).andExpect(status().isCreated());
        }

        mvc.perform(get("/api/auth/admin/users").param("q", marker).param("role", "client").param("size", "2")
                        .param("sort", "email").param("direction", "asc").header("Authorization", bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.content[0].email").value(marker + "0@example.test"))
                .andExpect(jsonPath("$.content[*].role", everyItem(is("client"))));
        mvc.perform(get("/api/auth/admin/users").param("sort", "passwordHash").header("Authorization", bearer()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void deactivationEndsLoginsAndRefreshesAndIsAnnounced() throws Exception {
        String email = AuthApi.uniqueEmail();
        JsonNode client = body(new AuthApi(mvc).register(email, AuthApi.PASSWORD));
        String userId = client.path("user").path("id").asString();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            mvc.perform(post("/api/auth/admin/users/{id}/deactivate", userId).header("Authorization", bearer()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.active").value(false));

            new AuthApi(mvc).login(email, AuthApi.PASSWORD).andExpect(status().isUnauthorized());
            new AuthApi(mvc).refresh(client.path("refreshToken").asString()).andExpect(status().isUnauthorized());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(users.records())
                    .filteredOn(r -> r.key().equals(userId) && new String(r.headers().lastHeader("ce_type").value(),
                            StandardCharsets.UTF_8).equals("com.luxedrive.user.deactivated.v1"))
                    .singleElement()
                    .satisfies(r -> assertThat(EventJson.read(r.value(), UserDeactivated.class).userId())
                            .hasToString(userId)));
        }

        mvc.perform(post("/api/auth/admin/users/{id}/reactivate", userId).header("Authorization", bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true));
        new AuthApi(mvc).login(email, AuthApi.PASSWORD).andExpect(status().isOk());
    }

    @Test
    void anAdminCannotDeactivateThemselvesAndUnknownIdsAreNotFound() throws Exception {
        mvc.perform(post("/api/auth/admin/users/{id}/deactivate", adminId).header("Authorization", bearer()))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/auth/admin/users/{id}/deactivate", UUID.randomUUID()).header("Authorization", bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/auth/admin/users/{id}", "not-a-uuid").header("Authorization", bearer()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void clientsMayNotUseAdminEndpointsAndSupportMayOnlyRead() throws Exception {
        String clientToken = new AuthApi(mvc).newClient().path("token").asString();
        mvc.perform(get("/api/auth/admin/users").header("Authorization", "Bearer " + clientToken))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/auth/admin/users/{id}/deactivate", adminId).header("Authorization", "Bearer " + clientToken))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/auth/admin/users")).andExpect(status().isUnauthorized());

        String supportEmail = AuthApi.uniqueEmail();
        createStaff(supportEmail, "support").andExpect(status().isCreated());
        String supportToken = body(new AuthApi(mvc).login(supportEmail, AuthApi.PASSWORD)).path("token").asString();
        mvc.perform(get("/api/auth/admin/users").header("Authorization", "Bearer " + supportToken))
                .andExpect(status().isOk());
        mvc.perform(post("/api/auth/admin/users").header("Authorization", "Bearer " + supportToken)
                        .contentType(MediaType.APPLICATION_JSON).content(staffJson(AuthApi.uniqueEmail(), "admin")))
                .andExpect(status().isForbidden());
    }

    /**
     * A deactivated admin's access token still verifies until it expires (every service checks only its signature),
     * but auth-service owns the account: its admin routes refuse it, so the admin can neither reactivate themselves
     * nor create an admin to come back as.
     */
    @Test
    void aDeactivatedAdminsTokenNoLongerAdministers() throws Exception {
        String email = AuthApi.uniqueEmail();
        String otherId = body(createStaff(email, "admin").andExpect(status().isCreated())).path("id").asString();
        String other = "Bearer " + body(new AuthApi(mvc).login(email, AuthApi.PASSWORD)).path("token").asString();
        mvc.perform(get("/api/auth/admin/users").header("Authorization", other)).andExpect(status().isOk());

        mvc.perform(post("/api/auth/admin/users/{id}/deactivate", otherId).header("Authorization", bearer()))
                .andExpect(status().isOk());

        // no longer a credential: 401, as for an expired token (its refresh is refused too)
        mvc.perform(post("/api/auth/admin/users/{id}/reactivate", otherId).header("Authorization", other))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/admin/users").header("Authorization", other)
                        .contentType(MediaType.APPLICATION_JSON).content(staffJson(AuthApi.uniqueEmail(), "admin")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/auth/admin/users").header("Authorization", other)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/auth/admin/users/{id}", otherId).header("Authorization", bearer()))
                .andExpect(jsonPath("$.active").value(false));
    }

    /**
     * An admin signed in on two devices logs out on one: the other's access token is revoked (a logout revokes the
     * user's access tokens), and the admin routes answer it 401 — what makes a panel refresh it — not a 403; the
     * refreshed token administers again.
     */
    @Test
    void anAdminTokenRevokedByALogoutElsewhereIsA401AndItsRefreshAdministersAgain() throws Exception {
        String email = AuthApi.uniqueEmail();
        createStaff(email, "admin").andExpect(status().isCreated());
        JsonNode laptop = body(new AuthApi(mvc).login(email, AuthApi.PASSWORD));
        JsonNode phone = body(new AuthApi(mvc).login(email, AuthApi.PASSWORD));

        mvc.perform(post("/api/auth/logout").header("Authorization", "Bearer " + laptop.path("token").asString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"" + laptop.path("refreshToken").asString() + "\"}"))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/auth/admin/users").header("Authorization", "Bearer " + phone.path("token").asString()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        String refreshed = body(new AuthApi(mvc).refresh(phone.path("refreshToken").asString())
                .andExpect(status().isOk())).path("token").asString();
        mvc.perform(get("/api/auth/admin/users").header("Authorization", "Bearer " + refreshed))
                .andExpect(status().isOk());
    }

    /**
     * An admin's request checked while the admin was active, then waiting on the admin's own deactivation (another
     * admin's, committing meanwhile): it went through after it — an account created by an admin already removed.
     */
    @Test
    void anAdminsRequestThatWaitedForTheirDeactivationDoesNotGoThrough() throws Exception {
        String email = AuthApi.uniqueEmail();
        UUID otherId = UUID.fromString(body(createStaff(email, "admin").andExpect(status().isCreated()))
                .path("id").asString());
        String other = "Bearer " + body(new AuthApi(mvc).login(email, AuthApi.PASSWORD)).path("token").asString();
        String created = AuthApi.uniqueEmail();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // the deactivation, holding the admin's row until released
            Future<?> deactivation = threads.submit(() -> transactions.executeWithoutResult(tx -> {
                jdbc.sql("UPDATE users SET active = false WHERE id = ?").param(otherId).update();
                locked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Integer> creation = threads.submit(() -> mvc.perform(post("/api/auth/admin/users")
                            .header("Authorization", other).contentType(MediaType.APPLICATION_JSON)
                            .content(staffJson(created, "admin")))
                    .andReturn().getResponse().getStatus());
            await().atMost(Duration.ofSeconds(30)).until(() -> creation.isDone() || jdbc.sql(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Long.class).single() > 0);
            release.countDown();
            deactivation.get(30, TimeUnit.SECONDS);

            assertThat(creation.get(30, TimeUnit.SECONDS)).isEqualTo(401);
            assertThat(jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(?)").param(created).query(Long.class)
                    .single()).isZero();
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private ResultActions createStaff(String email, String role) throws Exception {
        return mvc.perform(post("/api/auth/admin/users").header("Authorization", bearer())
                .contentType(MediaType.APPLICATION_JSON).content(staffJson(email, role)));
    }

    private static String staffJson(String email, String role) {
        return """
                {"email":"%s","password":"%s","firstName":"Sam","lastName":"Staff","role":"%s"}"""
                .formatted(email, AuthApi.PASSWORD, role);
    }

    private String bearer() {
        return "Bearer " + adminToken;
    }
}
