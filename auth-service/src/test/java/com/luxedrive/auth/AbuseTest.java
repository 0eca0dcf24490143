package com.luxedrive.auth;

import com.luxedrive.auth.email.EmailAddresses;
import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = {
        "luxe.auth.abuse.max-failures=3",
        "luxe.auth.abuse.first-lockout=2s",
        "luxe.auth.abuse.ip-requests-per-minute=1000"})
@AutoConfigureMockMvc
@RealInfrastructure
class AbuseTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Value("${luxe.auth.abuse.failure-window}")
    Duration failureWindow;

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockoutEnds() throws Exception {
        AuthApi api = new AuthApi(mvc);
        String email = AuthApi.uniqueEmail();
        api.register(email, AuthApi.PASSWORD).andExpect(status().isCreated());
        for (int i = 0; i < 3; i++) {
            api.login(email, "wrong password " + i).andExpect(status().isUnauthorized());
        }

        api.login(email, AuthApi.PASSWORD)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/login-locked"));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                api.login(email, AuthApi.PASSWORD).andExpect(status().isOk()));
    }

    /**
     * The current password asked by a password change is locked out after repeated wrong guesses, as a login's is:
     * with a stolen token, guessing there was bounded only by the request rate, and a right guess took the account.
     * Its counter is its own: logins (and someone locking them, who needs only the email) are not affected.
     */
    @Test
    void guessesOfTheCurrentPasswordAreLockedOutOnTheirOwnCounter() throws Exception {
        AuthApi api = new AuthApi(mvc);
        String email = AuthApi.uniqueEmail();
        String token = AuthApi.body(api.register(email, AuthApi.PASSWORD).andExpect(status().isCreated()))
                .path("token").asString();
        for (int i = 0; i < 3; i++) {
            changePassword(token, "wrong password " + i).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/wrong-current-password"));
        }

        changePassword(token, AuthApi.PASSWORD).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/login-locked"));
        api.login(email, AuthApi.PASSWORD).andExpect(status().isOk());

        // and logins locked by someone who knows the email leave a signed-in owner free to change the password
        String other = AuthApi.uniqueEmail();
        String owners = AuthApi.body(api.register(other, AuthApi.PASSWORD).andExpect(status().isCreated()))
                .path("token").asString();
        for (int i = 0; i < 4; i++) {
            api.login(other, "wrong password " + i);
        }
        api.login(other, AuthApi.PASSWORD).andExpect(status().isTooManyRequests());
        changePassword(owners, AuthApi.PASSWORD).andExpect(status().isNoContent());
    }

    private org.springframework.test.web.servlet.ResultActions changePassword(String token, String current)
            throws Exception {
        return mvc.perform(post("/api/auth/me/password").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"another long enough one\"}"));
    }

    @Test
    void parallelGuessesCannotSlipPastTheLockout() throws Exception {
        String email = AuthApi.uniqueEmail();
        new AuthApi(mvc).register(email, AuthApi.PASSWORD).andExpect(status().isCreated());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var answers = pool.invokeAll(java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> (java.util.concurrent.Callable<Integer>) () -> new AuthApi(mvc)
                            .login(email, "parallel guess " + i).andReturn().getResponse().getStatus())
                    .toList());
            long checked = 0;
            for (var answer : answers) {
                if (answer.get() == 401) {
                    checked++;
                }
            }
            org.assertj.core.api.Assertions.assertThat(checked).as("passwords checked").isLessThanOrEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownEmailsLockTheSameWaySoALockRevealsNothing() throws Exception {
        AuthApi api = new AuthApi(mvc);
        String nobody = AuthApi.uniqueEmail();
        for (int i = 0; i < 3; i++) {
            api.login(nobody, "guess " + i + " of many").andExpect(status().isUnauthorized());
        }
        api.login(nobody, "guess 4 of many").andExpect(status().isTooManyRequests());
    }

    /**
     * The window counted from the last failure only: a lock as long as the window (15 min each, as configured) ended
     * with its failures forgotten, and the next guess started a new cycle from the first, short lock — about 20
     * guesses an hour for ever, where the doubling means a handful.
     */
    @Test
    void theFailuresOfALockAsLongAsTheWindowAreNotForgottenWhenItEnds() throws Exception {
        AuthApi api = new AuthApi(mvc);
        String email = AuthApi.uniqueEmail();
        Instant lockedAt = Instant.now().minus(failureWindow).minusSeconds(1);
        jdbc.sql("""
                        INSERT INTO login_failures (email_key, failures, last_failure_at, locked_until)
                        VALUES (?, 9, ?, ?)""")
                .params(EmailAddresses.key(email), Timestamp.from(lockedAt),
                        Timestamp.from(lockedAt.plus(failureWindow).minusMillis(500)))
                .update();

        api.login(email, "the next guess").andExpect(status().isUnauthorized());

        api.login(email, "and the one after").andExpect(status().isTooManyRequests());
    }

    @Test
    void eachFurtherFailureDoublesTheLockout() throws Exception {
        AuthApi api = new AuthApi(mvc);
        String email = AuthApi.uniqueEmail();
        for (int i = 0; i < 3; i++) {
            api.login(email, "wrong password " + i);
        }
        api.login(email, "x").andExpect(header().string("Retry-After", "2"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                api.login(email, "wrong again, unlocked").andExpect(status().isUnauthorized()));

        api.login(email, "x").andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "4"));
    }
}
