package com.luxedrive.auth.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * @param keyFile            PKCS#8 PEM RSA private key that signs (a Kubernetes Secret in the cluster)
 * @param publishedKeyFiles  further keys published in the JWKS but not signing: the next key (published before it
 *                           signs, so every verifier knows it in time) and the previous one (kept until its tokens
 *                           expire). PEM, private (PKCS#8) or public (X.509) keys.
 * @param generateMissingKey create {@code keyFile} when absent: the local platform's dev key, never production
 * @param issuer             the {@code iss} of every token
 * @param audience           the {@code aud} of every token
 * @param accessTokenTtl     how long an access token is valid
 */
@Validated
@ConfigurationProperties("luxe.auth.jwt")
public record SigningProperties(@NotNull Path keyFile,
                                @DefaultValue List<Path> publishedKeyFiles,
                                @DefaultValue("false") boolean generateMissingKey,
                                @NotBlank @DefaultValue("luxe-auth") String issuer,
                                @NotBlank @DefaultValue("luxe-drive-hub") String audience,
                                @NotNull @DefaultValue("15m") Duration accessTokenTtl) {
}
