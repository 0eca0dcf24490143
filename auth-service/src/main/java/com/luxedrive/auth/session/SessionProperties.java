package com.luxedrive.auth.session;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** @param refreshTokenTtl how long a refresh token may be used */
@Validated
@ConfigurationProperties("luxe.auth.session")
public record SessionProperties(@NotNull Duration refreshTokenTtl) {
}
