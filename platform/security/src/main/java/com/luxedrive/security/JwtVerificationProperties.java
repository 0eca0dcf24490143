package com.luxedrive.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How this service checks access tokens.
 *
 * @param jwksUri          where auth-service publishes its public keys; auth-service itself needs none
 * @param issuer           the required {@code iss}
 * @param audience         the required {@code aud}
 * @param clockSkew        tolerance on {@code exp} and {@code nbf}
 * @param minRefetchInterval an unknown {@code kid} refetches the key set at most this often, so forged kids cannot
 *                           turn this service into a load generator against auth-service
 * @param verifiedTokens     how many recently verified tokens are remembered, so a client's next calls skip the
 *                           signature check (0: every call is checked in full)
 */
@Validated
@ConfigurationProperties("luxe.security.jwt")
public record JwtVerificationProperties(URI jwksUri,
                                        @NotBlank @DefaultValue("luxe-auth") String issuer,
                                        @NotBlank @DefaultValue("luxe-drive-hub") String audience,
                                        @NotNull @DefaultValue("30s") Duration clockSkew,
                                        @NotNull @DefaultValue("10s") Duration minRefetchInterval,
                                        @PositiveOrZero @DefaultValue("10000") int verifiedTokens) {
}
