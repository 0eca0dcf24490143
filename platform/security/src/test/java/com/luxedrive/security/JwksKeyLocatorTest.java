package com.luxedrive.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.luxedrive.testsupport.TestTokens.jwk;
import static com.luxedrive.testsupport.TestTokens.rsaKeyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** WireMock stands in for auth-service's JWKS endpoint. */
class JwksKeyLocatorTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JwksFixture fixture = new JwksFixture();
    private final KeyPair current = rsaKeyPair();
    private final KeyPair next = rsaKeyPair();
    private LuxeTokenVerifier verifier;

    @BeforeEach
    void start() {
        fixture.publish(jwk("current", current.getPublic()));
        JwtVerificationProperties properties = fixture.properties(0);
        verifier = new LuxeTokenVerifier(properties, new JwksKeyLocator(properties, fixture.clock), fixture.clock);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theKeySetIsFetchedOnceAndCached() {
        verifier.verify(fixture.token("current", current, LIFETIME));
        verifier.verify(fixture.token("current", current, LIFETIME));

        fixture.jwks.verify(1, getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void anUnknownKidRefetchesTheSetAtMostOncePerInterval() {
        verifier.verify(fixture.token("current", current, LIFETIME));
        for (int i = 0; i < 5; i++) {
            String forged = fixture.token("forged-" + UUID.randomUUID(), rsaKeyPair(), LIFETIME);
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
        }
        fixture.jwks.verify(1, getRequestedFor(urlEqualTo("/jwks.json")));

        fixture.clock.advance(Duration.ofSeconds(11));
        String forged = fixture.token("forged", rsaKeyPair(), LIFETIME);
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> fixture.jwks.verify(2, getRequestedFor(urlEqualTo("/jwks.json"))));
    }

    /**
     * Anyone can send a token with a made-up kid, and realtime-service verifies on its sockets' event loops: with
     * auth-service slow to answer, a fetch on the caller's thread held the loop — and every socket on it — for the
     * fetch's whole time-out (2 s), every half second once a fetch had failed.
     */
    @Test
    void anUnknownKidIsRefusedAtOnceAndNeverFetchedOnTheCallersThread() {
        verifier.verify(fixture.token("current", current, LIFETIME));
        answerSlowerThanTheFetchTimeOut();
        fixture.clock.advance(Duration.ofSeconds(11));

        String forged = fixture.token("forged", rsaKeyPair(), LIFETIME);
        assertTimeoutPreemptively(Duration.ofMillis(500),
                () -> assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class));
        assertThat(verifier.verify(fixture.token("current", current, LIFETIME)).role()).isEqualTo("client");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> fixture.jwks.verify(2, getRequestedFor(urlEqualTo("/jwks.json"))));
    }

    /**
     * Readiness ({@code jwks}) is down until the set was loaded, and each check of a set never loaded tries to load it,
     * at most every half second: the start-up prefetch gives up after five minutes, and nothing else would then load it
     * while no traffic reaches an instance that is not ready.
     */
    @Test
    void aKeySetNeverLoadedIsTriedByEachReadinessCheckAtMostEveryHalfSecond() {
        fixture.jwks.stubFor(get("/jwks.json").willReturn(serviceUnavailable()));
        JwksKeyLocator keys = new JwksKeyLocator(fixture.properties(0), fixture.clock);
        HealthIndicator readiness = new SecurityAutoConfiguration.JwksHealth().jwksHealthIndicator(keys);

        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        fixture.publish(jwk("current", current.getPublic()));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        fixture.jwks.verify(1, getRequestedFor(urlEqualTo("/jwks.json")));

        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        fixture.jwks.verify(2, getRequestedFor(urlEqualTo("/jwks.json")));
    }

    @Test
    void whenTheJwksWasUnreachableItIsTriedAgainSoonNotAfterTheWholeInterval() {
        fixture.jwks.stubFor(get("/jwks.json").willReturn(serviceUnavailable()));
        String token = fixture.token("current", current, LIFETIME);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);
        fixture.publish(jwk("current", current.getPublic()));
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(verifier.verify(fixture.token("current", current, LIFETIME)).role()).isEqualTo("client");
    }

    /**
     * Verification runs on event loops: a set nearing its age is fetched again in the background, and the caller
     * goes on with the current one instead of waiting on auth-service (here as slow as the fetch's time-out).
     */
    @Test
    void aKeySetNearingItsAgeIsFetchedAgainInTheBackgroundWhileTheCallerGoesOn() {
        verifier.verify(fixture.token("current", current, LIFETIME));
        answerSlowerThanTheFetchTimeOut();
        fixture.clock.advance(JwksKeyLocator.REFRESH_AHEAD.plusSeconds(1));

        String token = fixture.token("current", current, LIFETIME);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> verifier.verify(token));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> fixture.jwks.verify(2, getRequestedFor(urlEqualTo("/jwks.json"))));
    }

    /**
     * auth-service slow to answer, the set past its age: each fetch waits the whole time-out (2 s). Callers queued
     * behind a fetch take its outcome and go on with the keys they have; they used to fetch in turn, the last of
     * eight waiting eight time-outs.
     */
    @Test
    void callersQueuedBehindAFetchTakeItsOutcomeInsteadOfFetchingInTurn() {
        verifier.verify(fixture.token("current", current, LIFETIME));
        answerSlowerThanTheFetchTimeOut();
        fixture.clock.advance(JwksKeyLocator.MAX_AGE.plusSeconds(1));
        fixture.clock.startTicking();
        List<String> tokens = IntStream.range(0, 8).mapToObj(i -> fixture.token("current", current, LIFETIME)).toList();

        ExecutorService callers = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<LuxePrincipal>> verified = tokens.stream()
                    .map(token -> callers.submit(() -> verifier.verify(token))).toList();
            assertTimeoutPreemptively(Duration.ofSeconds(7), () -> {
                for (Future<LuxePrincipal> principal : verified) {
                    assertThat(principal.get().role()).isEqualTo("client");
                }
            });
        } finally {
            callers.shutdownNow();
        }
    }

    /** auth-service holds every JWKS fetch past its time-out (2 s). */
    private void answerSlowerThanTheFetchTimeOut() {
        fixture.jwks.stubFor(get("/jwks.json").willReturn(okJson("{\"keys\":[" + jwk("current", current.getPublic())
                + "]}").withFixedDelay(10_000)));
    }

    @Test
    void aRotatedInKeyIsFoundByRefetching() {
        verifier.verify(fixture.token("current", current, LIFETIME));
        fixture.publish(jwk("current", current.getPublic()), jwk("next", next.getPublic()));
        fixture.clock.advance(Duration.ofSeconds(11));

        String signedByTheNextKey = fixture.token("next", next, LIFETIME);

        // not fetched on the caller's thread: refused now, verified once the background fetch brought the key in
        assertThatThrownBy(() -> verifier.verify(signedByTheNextKey)).isInstanceOf(InvalidTokenException.class);
        await().atMost(Duration.ofSeconds(10)).ignoreException(InvalidTokenException.class)
                .untilAsserted(() -> assertThat(verifier.verify(signedByTheNextKey).role()).isEqualTo("client"));
    }
}
