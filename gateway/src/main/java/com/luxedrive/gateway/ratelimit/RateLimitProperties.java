package com.luxedrive.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Token buckets in Redis, shared by every gateway replica. Each bucket refills at {@code requests} per {@code per}
 * and holds at most {@code burst} requests, so a quiet caller may burst that many at once.
 *
 * @param enabled      off only for benchmarks of the proxy itself
 * @param redisTimeout how long a check may wait for Redis before the request passes anyway (fail open)
 * @param user         authenticated calls, per user (the seed's 1000 an hour)
 * @param anonymous    calls without a token, per client address
 * @param login        login and register, per client address: guesses of passwords, accounts made in bulk
 * @param refresh      token refreshes, per client address: every signed-in app refreshes every 15 minutes, and a
 *                     carrier's or an office's address is shared by hundreds; a refresh token cannot be guessed, so
 *                     this only bounds a flood
 * @param socket       Socket.IO requests (each long-poll is one), per client address
 */
@Validated
@ConfigurationProperties("luxe.gateway.rate-limit")
public record RateLimitProperties(boolean enabled, @NotNull Duration redisTimeout,
                                  @Valid @NotNull Policy user, @Valid @NotNull Policy anonymous,
                                  @Valid @NotNull Policy login, @Valid @NotNull Policy refresh,
                                  @Valid @NotNull Policy socket) {

    /** {@code requests} per {@code per}, with up to {@code burst} at once. */
    public record Policy(@Positive long requests, @NotNull Duration per, @Positive long burst) {

        /*
         * The Redis bucket refills by whole tokens per second, so a rate like 1000 an hour is expressed as requests
         * costing several tokens: 5 tokens a second at 18 tokens a request.
         */

        int tokensPerSecond() {
            return Math.toIntExact(requests / gcd(requests, seconds()));
        }

        int tokensPerRequest() {
            return Math.toIntExact(seconds() / gcd(requests, seconds()));
        }

        private long seconds() {
            return Math.max(1, per.toSeconds());
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
