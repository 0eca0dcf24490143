package com.luxedrive.auth;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A second key published beside the signing one — the previous key during a rotation — still verifies its tokens. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class KeyRotationTest {

    private static final KeyPair PREVIOUS = TestTokens.rsaKeyPair();
    private static final String PREVIOUS_KID =
            Jwks.builder().key((RSAPublicKey) PREVIOUS.getPublic()).idFromThumbprint().build().getId();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void publishThePreviousKey(DynamicPropertyRegistry registry) {
        registry.add("luxe.auth.jwt.published-key-files[0]", () -> pemFile(PREVIOUS));
    }

    @Test
    void theJwksPublishesBothKeysAndTokensOfThePreviousKeyStillWork() throws Exception {
        mvc.perform(get("/api/auth/.well-known/jwks.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys.length()").value(2))
                .andExpect(jsonPath("$.keys[*].kid", hasItem(PREVIOUS_KID)));

        String userId = new AuthApi(mvc).newClient().path("user").path("id").asString();
        String oldToken = Jwts.builder().header().keyId(PREVIOUS_KID).and()
                .issuer("luxe-auth").audience().add("luxe-drive-hub").and().subject(userId)
                .expiration(Date.from(Instant.now().plusSeconds(300))).issuedAt(new Date())
                .claim("id", userId).claim("email", "ada@example.test").claim("fullName", "Ada Lovelace")
                .claim("role", "client").claim("userType", "client")
                .signWith(PREVIOUS.getPrivate(), Jwts.SIG.RS256).compact();

        new AuthApi(mvc).me(oldToken).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(userId));
    }

    private static String pemFile(KeyPair pair) {
        try {
            Path file = Files.createTempFile("previous-key-", ".pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
