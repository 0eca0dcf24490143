package com.luxedrive.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * While Redis is unreachable, commands fail at once instead of queueing until the connection returns, so a rate
 * limit check fails open in microseconds rather than after the command timeout. A command Redis is slow to answer
 * fails after {@code luxe.gateway.rate-limit.redis-timeout} (give or take the 100 ms tick of Lettuce's timer wheel,
 * which times every command anyway): no Reactor {@code timeout()} per check, which would put a task on the
 * {@code parallel} scheduler's queue and wake its thread for every request (docs/performance.md, Gateway).
 * Added to Spring Boot's client options (connect timeout, SSL), not in their place.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfig {

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected(RateLimitProperties rateLimits) {
        return options -> options
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(rateLimits.redisTimeout()));
    }
}
