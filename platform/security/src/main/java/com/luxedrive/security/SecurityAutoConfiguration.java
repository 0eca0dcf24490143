package com.luxedrive.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.jsonwebtoken.Locator;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;

/** Token verification for every service; servlet security wiring for servlet services. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"})
@EnableConfigurationProperties(JwtVerificationProperties.class)
public class SecurityAutoConfiguration {

    /** Keys from auth-service's JWKS; auth-service declares its own {@link Locator} over the keys it signs with. */
    @Bean
    @ConditionalOnMissingBean(Locator.class)
    @ConditionalOnProperty("luxe.security.jwt.jwks-uri")
    JwksKeyLocator jwksKeyLocator(JwtVerificationProperties properties) {
        return new JwksKeyLocator(properties, Clock.systemUTC());
    }

    /** Loads the key set once the service is up, off the start-up path; a failure only delays it to first use. */
    @Bean
    @ConditionalOnBean(JwksKeyLocator.class)
    ApplicationListener<ApplicationReadyEvent> jwksPrefetch(JwksKeyLocator keys) {
        return event -> {
            Thread prefetch = new Thread(() -> keys.prefetch(Duration.ofMinutes(5)), "jwks-prefetch");
            prefetch.setDaemon(true);
            prefetch.start();
        };
    }

    /**
     * {@code jwks}: down until the key set was loaded once. Before that, the first tokens would fetch it inline — on an
     * event loop in realtime-service and the gateway, holding every socket or request of that loop for up to the
     * fetch's time-out — so those two include it in their readiness. Each check of a set never loaded tries to load
     * it (the start-up prefetch gives up after five minutes; a readiness that only waited for it could stay down).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    // the locator's own conditions: a member class is registered before the enclosing class's beans, so
    // @ConditionalOnBean(JwksKeyLocator.class) would never see it
    @ConditionalOnMissingBean(Locator.class)
    @ConditionalOnProperty("luxe.security.jwt.jwks-uri")
    static class JwksHealth {

        @Bean("jwks")
        HealthIndicator jwksHealthIndicator(JwksKeyLocator keys) {
            return () -> keys.loadedOrTryNow() ? Health.up().build()
                    : Health.down().withDetail("keys", "not loaded from auth-service yet").build();
        }
    }

    /**
     * Spring Security would observe each of its filters, the authentication and the authorization of every request
     * (a timer and a span each): about a third of the gateway's CPU and a tenth of notification-service's request
     * threads in the profiles of docs/performance.md. The request as a whole is still observed
     * ({@code http.server.requests}, its trace span); a service that wants them back declares its own settings.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(SecurityObservationSettings.class)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    LuxeTokenVerifier luxeTokenVerifier(JwtVerificationProperties properties, Locator<Key> keys) {
        return new LuxeTokenVerifier(properties, keys);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(ServerHttpSecurity.class)
    static class ReactiveSecurity {

        @Bean
        @ConditionalOnMissingBean
        ReactiveJwtDecoder luxeReactiveJwtDecoder(LuxeTokenVerifier verifier, JwtVerificationProperties properties) {
            return new ReactiveJjwtJwtDecoder(verifier, properties.verifiedTokens());
        }

        @Bean
        LuxeServerHttpSecurity luxeServerHttpSecurity(ReactiveJwtDecoder decoder) {
            return new LuxeServerHttpSecurity(decoder);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(HttpSecurity.class)
    static class ServletSecurity {

        @Bean
        @ConditionalOnMissingBean
        JwtDecoder luxeJwtDecoder(LuxeTokenVerifier verifier, JwtVerificationProperties properties) {
            return new JjwtJwtDecoder(verifier, properties.verifiedTokens());
        }

        @Bean
        LuxeHttpSecurity luxeHttpSecurity(JwtDecoder decoder) {
            return new LuxeHttpSecurity(decoder);
        }
    }
}
