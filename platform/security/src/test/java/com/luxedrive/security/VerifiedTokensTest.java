package com.luxedrive.security;

import io.jsonwebtoken.JwsHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.security.Key;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static com.luxedrive.testsupport.TestTokens.jwk;
import static com.luxedrive.testsupport.TestTokens.rsaKeyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The decoders remember verified tokens only as long as a full check would still pass them. */
class VerifiedTokensTest {

    private final JwksFixture fixture = new JwksFixture();
    private final KeyPair current = rsaKeyPair();
    private final KeyPair next = rsaKeyPair();
    private CountingLocator keys;
    private LuxeTokenVerifier verifier;
    private JjwtJwtDecoder decoder;

    @BeforeEach
    void start() {
        fixture.publish(jwk("current", current.getPublic()));
        keys = new CountingLocator(fixture.properties(100), fixture);
        verifier = new LuxeTokenVerifier(fixture.properties(100), keys, fixture.clock);
        // as each service does once it is up (bounded: the fixture's clock does not move while it retries)
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> keys.prefetch(Duration.ofSeconds(5))))
                .isTrue();
        decoder = new JjwtJwtDecoder(verifier, 100);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aTokenVerifiedOnceIsNotCheckedAgainOnItsNextCalls() {
        String token = fixture.token("current", current, Duration.ofMinutes(10));

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);
        decoder.decode(fixture.token("current", current, Duration.ofMinutes(10)));

        assertThat(again.getSubject()).isEqualTo(first.getSubject());
        assertThat(keys.located).as("signature checks: the first token once, the other token once").hasValue(2);
    }

    @Test
    void withoutACacheEveryCallIsCheckedInFull() {
        JjwtJwtDecoder withoutCache = new JjwtJwtDecoder(verifier, 0);
        String token = fixture.token("current", current, Duration.ofMinutes(10));

        withoutCache.decode(token);
        withoutCache.decode(token);

        assertThat(keys.located).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = remembered(Duration.ofMinutes(1));

        fixture.clock.advance(Duration.ofSeconds(60 + 29));
        assertThat(decoder.decode(token).getSubject()).as("within the clock skew").isNotNull();
        fixture.clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRememberedTokenIsRefusedOnceTheJwksStopsPublishingItsKey() {
        String token = remembered(Duration.ofMinutes(10));

        // a rotation that withdraws the old key: found when a token of the new key makes the set be fetched again
        // (in the background: that token is refused until the fetch brought its key in)
        fixture.publish(jwk("next", next.getPublic()));
        fixture.clock.advance(Duration.ofSeconds(11));
        String signedByTheNextKey = fixture.token("next", next, Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).ignoreException(BadJwtException.class)
                .untilAsserted(() -> assertThat(decoder.decode(signedByTheNextKey).getSubject()).isNotNull());

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRefetchThatFindsTheSameKeysKeepsWhatWasRemembered() {
        String token = remembered(Duration.ofMinutes(30));

        // a forged kid makes the set be fetched again, as does its age: the same keys come back
        fixture.clock.advance(Duration.ofSeconds(11));
        String forged = fixture.token("forged", rsaKeyPair(), Duration.ofMinutes(10));
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        fixture.clock.advance(JwksKeyLocator.MAX_AGE);
        decoder.decode(fixture.token("current", current, Duration.ofMinutes(10)));
        int located = keys.located.get();

        assertThat(decoder.decode(token).getSubject()).isNotNull();
        assertThat(keys.located).as("no signature check for the remembered token").hasValue(located);
    }

    @Test
    void aRememberedTokenIsCheckedInFullOnceTheKeySetIsDueToBeFetchedAgain() {
        String token = remembered(Duration.ofMinutes(30));
        fixture.publish(jwk("next", next.getPublic()));

        fixture.clock.advance(JwksKeyLocator.MAX_AGE.plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRefusedTokenIsCheckedInFullEveryTime() {
        String forged = fixture.token("current", rsaKeyPair(), Duration.ofMinutes(10));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }

        assertThat(keys.located).hasValue(2);
    }

    @Test
    void theGatewayAnswersARememberedTokenOnItsOwnThread() {
        ReactiveJjwtJwtDecoder decoder = new ReactiveJjwtJwtDecoder(verifier, 100);
        String token = fixture.token("current", current, Duration.ofMinutes(10));

        String first = decoder.decode(token).map(jwt -> Thread.currentThread().getName()).block();
        String again = decoder.decode(token).map(jwt -> Thread.currentThread().getName()).block();

        assertThat(first).as("verified off the caller's thread").isNotEqualTo(Thread.currentThread().getName());
        assertThat(again).isEqualTo(Thread.currentThread().getName());
    }

    /** A token valid for {@code lifetime}, verified once by {@link #decoder}. */
    private String remembered(Duration lifetime) {
        String token = fixture.token("current", current, lifetime);
        decoder.decode(token);
        return token;
    }

    /** Counts the signature checks: each one locates its key. */
    private static final class CountingLocator extends JwksKeyLocator {
        final AtomicInteger located = new AtomicInteger();

        CountingLocator(JwtVerificationProperties properties, JwksFixture fixture) {
            super(properties, fixture.clock);
        }

        @Override
        protected Key locate(JwsHeader header) {
            located.incrementAndGet();
            return super.locate(header);
        }
    }
}
