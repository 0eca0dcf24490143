package com.luxedrive.auth;

import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class AccountFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void registeredClientGetsATokenThatOpensMe() throws Exception {
        String email = uniqueEmail();
        JsonNode session = body(register(email, "correct horse battery").andExpect(status().isCreated()));

        assertThat(session.path("refreshToken").asString()).hasSizeGreaterThan(40);
        assertThat(session.path("user").path("role").asString()).isEqualTo("client");
        assertThat(session.path("user").path("userType").asString()).isEqualTo("client");
        mvc.perform(get("/api/auth/me").header("Authorization", "Bearer " + session.path("token").asString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.fullName").value("Ada Lovelace"));
    }

    @Test
    void registrationPublishesUserRegisteredThroughTheOutbox() throws Exception {
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            String userId = body(register(uniqueEmail(), "correct horse battery")).path("user").path("id").asString();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(users.records())
                    .filteredOn(record -> record.key().equals(userId))
                    .singleElement()
                    .satisfies(record -> {
                        assertThat(ceHeader(record, "ce_type")).isEqualTo(EventCatalog.typeOf(UserRegistered.class));
                        UserRegistered event = EventJson.read(record.value(), UserRegistered.class);
                        assertThat(event.userType()).isEqualTo("client");
                        assertThat(event.active()).isTrue();
                    }));
        }
    }

    @Test
    void anEmailIsOneAccountWhateverItsCase() throws Exception {
        String email = uniqueEmail();
        register(email, "correct horse battery").andExpect(status().isCreated());

        register(email.toUpperCase(), "another long password")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/email-already-registered"));
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() throws Exception {
        String email = uniqueEmail();
        register(email, "correct horse battery");

        String wrongPassword = login(email, "not the password").andExpect(status().isUnauthorized())
                .andReturn().getResponse().getContentAsString();
        String unknownEmail = login(uniqueEmail(), "not the password").andExpect(status().isUnauthorized())
                .andReturn().getResponse().getContentAsString();

        assertThat(unknownEmail).isEqualTo(wrongPassword).contains("invalid-credentials");
    }

    @Test
    void loginWithTheRightPasswordAnswersATokenForThatAccount() throws Exception {
        String email = uniqueEmail();
        String userId = body(register(email, "correct horse battery")).path("user").path("id").asString();

        JsonNode session = body(login(email.toUpperCase(), "correct horse battery").andExpect(status().isOk()));

        assertThat(session.path("user").path("id").asString()).isEqualTo(userId);
        assertThat(session.path("expiresIn").asLong()).isEqualTo(900);
    }

    /** One address is one account however its case and Unicode form are written, whatever the database's collation. */
    @Test
    void anAddressIsOneAccountWhateverItsCaseOrUnicodeForm() throws Exception {
        String id = UUID.randomUUID().toString();
        String registered = "\u00c9lise." + id + "@Example.test";            // É, one code point
        String decomposed = "e\u0301lise." + id + "@example.test";            // é as e and a combining accent
        JsonNode created = body(register(registered, "correct horse battery").andExpect(status().isCreated()));
        String userId = created.path("user").path("id").asString();

        register(decomposed, "another horse battery").andExpect(status().isConflict());
        assertThat(body(login(decomposed, "correct horse battery").andExpect(status().isOk()))
                .path("user").path("id").asString()).isEqualTo(userId);
        assertThat(body(login(registered.toUpperCase(java.util.Locale.ROOT), "correct horse battery")
                .andExpect(status().isOk())).path("user").path("id").asString()).isEqualTo(userId);
        assertThat(created.path("user").path("email").asString()).isEqualTo(registered);
    }

    @Test
    void invalidRegistrationListsTheFieldsAndCreatesNothing() throws Exception {
        String email = "not-an-email";
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"short\",\"firstName\":\"\",\"lastName\":\"X\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'email')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'password')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'firstName')]").exists());

        login(email, "short").andExpect(status().isUnauthorized());
    }

    /** Names of white space only — Unicode's too — are refused, not stored empty once stripped. */
    @Test
    void aNameOfWhiteSpaceOnlyIsRefusedAndCreatesNothing() throws Exception {
        String email = uniqueEmail();
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + AuthApi.PASSWORD
                                + "\",\"firstName\":\"\u2003\",\"lastName\":\"Lovelace\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("firstName"));
        login(email, AuthApi.PASSWORD).andExpect(status().isUnauthorized());

        String token = body(new AuthApi(mvc).register(email, AuthApi.PASSWORD).andExpect(status().isCreated()))
                .path("token").asString();
        mvc.perform(patch("/api/auth/me").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"lastName\":\"\u00a0\u2003 \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lastName"));
    }

    /** A value the database cannot store is the client's mistake (400), not a registered email (409). */
    @Test
    void aNameWithANulCharacterIsA400AndCreatesNothing() throws Exception {
        String email = uniqueEmail();
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + AuthApi.PASSWORD
                                + "\",\"firstName\":\"A\\u0000da\",\"lastName\":\"Lovelace\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        new AuthApi(mvc).register(email, AuthApi.PASSWORD).andExpect(status().isCreated());
    }

    @Test
    void weakPasswordsAreRefusedAsFieldErrors() throws Exception {
        String email = uniqueEmail();
        for (String weak : new String[]{"Password123", email, email.substring(0, email.indexOf('@'))}) {
            register(email, weak)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("password"));
        }
        login(email, "Password123").andExpect(status().isUnauthorized());
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() throws Exception {
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON).content("{\"email\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/malformed-request"));
    }

    @Test
    void meWithoutATokenIsUnauthorizedProblem() throws Exception {
        mvc.perform(get("/api/auth/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void jwksPublishesTheKeyThatVerifiesIssuedTokens() throws Exception {
        String token = body(register(uniqueEmail(), "correct horse battery")).path("token").asString();

        String jwks = mvc.perform(get("/api/auth/.well-known/jwks.json")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Jwk<?> jwk = Jwks.setParser().build().parse(jwks).getKeys().iterator().next();

        Claims claims = Jwts.parser().verifyWith((PublicKey) jwk.toKey()).build().parseSignedClaims(token).getPayload();
        assertThat(claims.getIssuer()).isEqualTo("luxe-auth");
        assertThat(claims.getAudience()).containsExactly("luxe-drive-hub");
        assertThat(claims.get("role", String.class)).isEqualTo("client");
        assertThat(claims.getId()).isNotBlank();
    }


    @Test
    void theOpenApiDocumentIsServedAndListsThePublicPaths() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").exists())
                .andExpect(jsonPath("$.paths['/api/auth/register']").exists());
    }

    private ResultActions register(String email, String password) throws Exception {
        return mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON).content("""
                {"email":"%s","password":"%s","firstName":"Ada","lastName":"Lovelace","phone":"+33 6 12 34 56 78"}
                """.formatted(email, password)));
    }

    private ResultActions login(String email, String password) throws Exception {
        return mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password)));
    }

    private static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String ceHeader(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String uniqueEmail() {
        return "ada-" + UUID.randomUUID() + "@example.test";
    }
}
