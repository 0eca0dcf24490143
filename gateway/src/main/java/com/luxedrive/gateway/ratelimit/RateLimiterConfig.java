package com.luxedrive.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter} with its own token-bucket script, read once. The gateway's default
 * script bean wraps the classpath resource in a {@code ResourceScriptSource}, which asks on every call whether the
 * file changed — inside a jar that is a URL lookup and a {@code FileNotFoundException} per request, 4 % of the
 * gateway's CPU in a profile (docs/performance.md, Gateway).
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfig {

    private static final String SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration)
            throws IOException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        RedisScript<List<Long>> script = (RedisScript) RedisScript.of(
                new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8), List.class);
        return new RedisRateLimiter(redis, script, configuration);
    }
}
