package com.luxedrive.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WireMock stands in for auth-service's JWKS endpoint. */
class JwksKeyLocatorTest {

    private final WireMockServer jwks = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final KeyPair current = rsa();
    private final KeyPair next = rsa();
    private MutableClock clock;
    private LuxeTokenVerifier verifier;

    @BeforeEach
    void start() {
        jwks.start();
        publish(jwk("current", current));
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JwtVerificationProperties properties = new JwtVerificationProperties(
                URI.create(jwks.baseUrl() + "/jwks.json"), "luxe-auth", "luxe-drive-hub", Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        verifier = new LuxeTokenVerifier(properties, new JwksKeyLocator(properties, clock), clock);
    }

    @AfterEach
    void stop() {
        jwks.stop();
    }

    @Test
    void theKeySetIsFetchedOnceAndCached() {
        verifier.verify(token("current", current));
        verifier.verify(token("current", current));

        jwks.verify(1, getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void anUnknownKidRefetchesTheSetAtMostOncePerInterval() {
        verifier.verify(token("current", current));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> verifier.verify(token("forged-" + UUID.randomUUID(), rsa())))
                    .isInstanceOf(InvalidTokenException.class);
        }
        jwks.verify(1, getRequestedFor(urlEqualTo("/jwks.json")));

        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> verifier.verify(token("forged", rsa()))).isInstanceOf(InvalidTokenException.class);
        jwks.verify(2, getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void whenTheJwksWasUnreachableItIsTriedAgainSoonNotAfterTheWholeInterval() {
        jwks.stubFor(get("/jwks.json").willReturn(com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable()));
        assertThatThrownBy(() -> verifier.verify(token("current", current))).isInstanceOf(InvalidTokenException.class);
        publish(jwk("current", current));
        clock.advance(Duration.ofSeconds(1));

        assertThat(verifier.verify(token("current", current)).role()).isEqualTo("client");
    }

    @Test
    void aRotatedInKeyIsFoundByRefetching() {
        verifier.verify(token("current", current));
        publish(jwk("current", current) + "," + jwk("next", next));
        clock.advance(Duration.ofSeconds(11));

        LuxePrincipal principal = verifier.verify(token("next", next));

        assertThat(principal.role()).isEqualTo("client");
    }

    private void publish(String keys) {
        jwks.stubFor(get("/jwks.json").willReturn(okJson("{\"keys\":[" + keys + "]}")));
    }

    private String token(String kid, KeyPair keys) {
        UUID user = UUID.randomUUID();
        return Jwts.builder().header().keyId(kid).and().issuer("luxe-auth").audience().add("luxe-drive-hub").and()
                .subject(user.toString()).issuedAt(Date.from(clock.instant()))
                .expiration(Date.from(clock.instant().plusSeconds(600)))
                .claim("id", user.toString()).claim("email", "a@example.test").claim("fullName", "A")
                .claim("role", "client").claim("userType", "client")
                .signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
    }

    private static String jwk(String kid, KeyPair keys) {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
