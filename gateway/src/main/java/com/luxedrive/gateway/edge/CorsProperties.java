package com.luxedrive.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param allowedOrigins the frontends' origins (client app and admin panel); any other browser origin is refused,
 *                       for REST calls and for websocket upgrades alike
 * @param maxAge         how long a browser may cache a preflight answer
 */
@ConfigurationProperties("luxe.gateway.cors")
public record CorsProperties(List<String> allowedOrigins, Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    }
}
