package com.luxedrive.realtime.socket;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RevokedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final UUID user = UUID.randomUUID();

    @Test
    void tokensIssuedBeforeTheLatestRevocationAreRefusedLaterOnesAndOtherUsersAreNot() {
        RevokedTokens revoked = new RevokedTokens(Duration.ofMinutes(20), Clock.fixed(NOW, ZoneOffset.UTC));
        revoked.revoke(user, NOW.minusSeconds(30));
        revoked.revoke(user, NOW.minusSeconds(90));

        assertThat(revoked.revoked(user, NOW.minusSeconds(31))).isTrue();
        assertThat(revoked.revoked(user, NOW.minusSeconds(60))).as("the later revocation holds").isTrue();
        assertThat(revoked.revoked(user, NOW.minusSeconds(30))).isFalse();
        assertThat(revoked.revoked(user, null)).as("no issue time: refused").isTrue();
        assertThat(revoked.revoked(UUID.randomUUID(), NOW.minusSeconds(3600))).isFalse();
    }

    @Test
    void aTokenIssuedInTheSecondOfTheLogoutIsRefusedAndOneAuthServiceIssuedAfterItWithTheNextSecondIsNot() {
        RevokedTokens revoked = new RevokedTokens(Duration.ofMinutes(20), Clock.fixed(NOW, ZoneOffset.UTC));
        revoked.revoke(user, NOW.plusMillis(700));

        assertThat(revoked.revoked(user, NOW)).as("issued before the logout, in its second (iat in whole seconds)")
                .isTrue();
        assertThat(revoked.revoked(user, NOW.plusSeconds(1))).as("a sign-in right after the logout").isFalse();

        revoked.revoke(user, NOW.plusSeconds(5));
        assertThat(revoked.revoked(user, NOW.plusSeconds(4))).isTrue();
        assertThat(revoked.revoked(user, NOW.plusSeconds(5))).as("a logout on a whole second: that second's tokens")
                .isFalse();
    }

    @Test
    void revocationsOlderThanTheWindowAreForgotten() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now[0]; }
        };
        RevokedTokens revoked = new RevokedTokens(Duration.ofMinutes(20), clock);
        revoked.revoke(user, NOW);
        revoked.revoke(UUID.randomUUID(), NOW.minus(Duration.ofMinutes(21)));

        now[0] = NOW.plus(Duration.ofMinutes(21));
        revoked.revoke(UUID.randomUUID(), now[0]);

        assertThat(revoked.revoked(user, NOW.minusSeconds(1))).as("every token it could refuse has expired").isFalse();
    }
}
