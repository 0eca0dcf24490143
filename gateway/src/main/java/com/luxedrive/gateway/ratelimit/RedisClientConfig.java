package com.luxedrive.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * While Redis is unreachable, commands fail at once instead of queueing until the connection returns, so a rate
 * limit check fails open in microseconds rather than after the command timeout. A command Redis is slow to answer
 * fails after {@code luxe.gateway.rate-limit.redis-timeout}, timed by Lettuce's own timer wheel: a Reactor
 * {@code timeout()} per check would put a task on the {@code parallel} scheduler's queue (and wake its thread) for
 * every request, 3 % of the gateway's CPU in a profile (docs/performance.md, Gateway).
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfig {

    @Bean
    LettuceClientConfigurationBuilderCustomizer rejectCommandsWhileDisconnected(
            @Value("${spring.data.redis.connect-timeout}") Duration connectTimeout, RateLimitProperties rateLimits) {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(rateLimits.redisTimeout()))
                .build());
    }
}
