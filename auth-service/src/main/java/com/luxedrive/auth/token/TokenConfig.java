package com.luxedrive.auth.token;

import com.luxedrive.security.InvalidTokenException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.LocatorAdapter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.Key;

@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    SigningKey signingKey(SigningProperties properties) {
        return SigningKey.load(properties);
    }

    /** auth-service verifies its own tokens with the key it holds, not through its own JWKS endpoint. */
    @Bean
    Locator<Key> ownKeyLocator(SigningKey key) {
        return new LocatorAdapter<>() {
            @Override
            protected Key locate(JwsHeader header) {
                if (!"RS256".equals(header.getAlgorithm()) || !key.kid().equals(header.getKeyId())) {
                    throw new InvalidTokenException("unknown kid or algorithm");
                }
                return key.publicKey();
            }
        };
    }
}
