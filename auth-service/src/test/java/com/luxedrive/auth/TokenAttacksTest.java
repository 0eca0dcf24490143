package com.luxedrive.auth;

import com.luxedrive.auth.token.SigningKeys;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TokenForgery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class TokenAttacksTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    SigningKeys keys;

    @Test
    void everyForgedOrInvalidTokenIsRefusedWith401() throws Exception {
        UUID userId = UUID.fromString(new AuthApi(mvc).newClient().path("user").path("id").asString());
        var forgery = new TokenForgery(keys.signing().privateKey(), keys.signing().publicKey(), keys.signing().kid(),
                "luxe-auth", "luxe-drive-hub");

        for (var attack : forgery.attacks(userId, "admin").entrySet()) {
            int status = new AuthApi(mvc).me(attack.getValue()).andReturn().getResponse().getStatus();
            assertThat(status).as(attack.getKey()).isEqualTo(401);
        }
    }
}
