package com.luxedrive.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jsonwebtoken.Jwts;

import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** auth-service's JWKS endpoint played by WireMock, its signing keys, and a clock the test moves. */
final class JwksFixture implements AutoCloseable {

    final WireMockServer jwks = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    JwksFixture() {
        jwks.start();
    }

    JwtVerificationProperties properties(int verifiedTokens) {
        return new JwtVerificationProperties(URI.create(jwks.baseUrl() + "/jwks.json"), "luxe-auth",
                "luxe-drive-hub", Duration.ofSeconds(30), Duration.ofSeconds(10), verifiedTokens);
    }

    void publish(String... keys) {
        jwks.stubFor(get("/jwks.json").willReturn(okJson("{\"keys\":[" + String.join(",", keys) + "]}")));
    }

    /** A client's access token signed with {@code keys} under {@code kid}, valid from now for {@code lifetime}. */
    String token(String kid, KeyPair keys, Duration lifetime) {
        UUID user = UUID.randomUUID();
        return Jwts.builder().header().keyId(kid).and().issuer("luxe-auth").audience().add("luxe-drive-hub").and()
                .subject(user.toString()).issuedAt(Date.from(clock.instant()))
                .expiration(Date.from(clock.instant().plus(lifetime)))
                .claim("id", user.toString()).claim("email", "a@example.test").claim("fullName", "A")
                .claim("role", "client").claim("userType", "client")
                .signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
    }

    @Override
    public void close() {
        jwks.stop();
    }

    /** Still until {@link #startTicking()}, then also moving with real time (for what waits on real time-outs). */
    static final class MutableClock extends Clock {
        private volatile Instant now;
        private volatile long tickingSince = -1;

        MutableClock(Instant now) {
            this.now = now;
        }

        synchronized void advance(Duration by) {
            now = instant().plus(by);
            tickingSince = tickingSince < 0 ? -1 : System.nanoTime();
        }

        synchronized void startTicking() {
            now = instant();
            tickingSince = System.nanoTime();
        }

        @Override
        public Instant instant() {
            long since = tickingSince;
            return since < 0 ? now : now.plusNanos(System.nanoTime() - since);
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
