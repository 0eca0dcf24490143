package com.luxedrive.gateway.health;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * @param services each service's readiness endpoint, by name
 * @param timeout  how long one check may take before the service counts as down
 */
@Validated
@ConfigurationProperties("luxe.gateway.health")
public record PlatformHealthProperties(@NotEmpty Map<String, URI> services, @NotNull Duration timeout) {
}
