package com.luxedrive.gateway.health;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * @param services each service's readiness endpoint, by name
 * @param timeout  how long one check may take before the service counts as down
 * @param cacheFor how long one round of checks answers every {@code GET /health}: however often it is called, each
 *                 service is asked at most once per this
 */
@Validated
@ConfigurationProperties("luxe.gateway.health")
public record PlatformHealthProperties(@NotEmpty Map<String, URI> services, @NotNull Duration timeout,
                                       @NotNull @DefaultValue("1s") Duration cacheFor) {
}
