package com.luxedrive.auth.session;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param refreshTokenTtl   how long a refresh token may be used
 * @param refreshReuseGrace how long after its use a refresh token may be presented again and get another new pair
 *                          instead of revoking its family: two tabs or two requests of one app refreshing with the same
 *                          token at once are not a theft (docs/adr/0008). Zero turns it off.
 */
@Validated
@ConfigurationProperties("luxe.auth.session")
public record SessionProperties(@NotNull Duration refreshTokenTtl,
                                @NotNull @DefaultValue("10s") Duration refreshReuseGrace) {
}
