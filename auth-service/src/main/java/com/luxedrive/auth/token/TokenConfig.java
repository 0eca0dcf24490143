package com.luxedrive.auth.token;

import com.luxedrive.security.InvalidTokenException;
import com.luxedrive.security.LuxeClaims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.LocatorAdapter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.Key;

@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    SigningKeys signingKeys(SigningProperties properties) {
        return SigningKeys.load(properties);
    }

    /** auth-service verifies tokens with the keys it holds, not through its own JWKS endpoint. */
    @Bean
    Locator<Key> ownKeyLocator(SigningKeys keys) {
        return new LocatorAdapter<>() {
            @Override
            protected Key locate(JwsHeader header) {
                if (!LuxeClaims.ALGORITHM.equals(header.getAlgorithm())) {
                    throw new InvalidTokenException("algorithm not accepted");
                }
                return keys.publicKey(header.getKeyId())
                        .orElseThrow(() -> new InvalidTokenException("unknown kid"));
            }
        };
    }
}
