package com.luxedrive.vehicle;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The shared JWT library, as a service other than auth-service uses it, refuses every classic token attack. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class TokenAttacksTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyForgedOrInvalidTokenIsRefusedWith401() throws Exception {
        UUID user = UUID.randomUUID();
        assertThat(status(TestTokens.admin(user))).as("a genuine token").isEqualTo(200);

        for (var attack : TestTokens.attacks(user, "admin").entrySet()) {
            assertThat(status(attack.getValue())).as(attack.getKey()).isEqualTo(401);
        }
    }

    @Test
    void identityHeadersFromOutsideAreNotTrusted() throws Exception {
        int status = mvc.perform(get("/api/vehicles").header("X-User-Id", UUID.randomUUID().toString())
                .header("X-User-Role", "admin")).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(401);
    }

    private int status(String token) throws Exception {
        return mvc.perform(get("/api/vehicles").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getStatus();
    }
}
