package com.luxedrive.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Objects;

/**
 * What the gateway takes of request bodies. Checked at start-up: a caller's share must fit the replica's budget, and
 * the default body limit a caller's share, or requests would be refused for ever.
 *
 * @param maxBodySize         the largest body on a route without a limit of its own ({@code max-body-size} metadata)
 * @param bodyBuffer          what the bodies in flight may hold in one replica ({@link BodyBudget})
 * @param bodyBufferPerCaller what one caller's bodies in flight may hold of it
 * @param requestReadTimeout  a body that stops arriving for this long is cut (408)
 * @param requestTimeout      a body still arriving after this long is cut (408)
 */
@ConfigurationProperties("luxe.gateway")
public record RequestBodyProperties(DataSize maxBodySize, DataSize bodyBuffer, DataSize bodyBufferPerCaller,
                                    Duration requestReadTimeout, Duration requestTimeout) {

    public RequestBodyProperties {
        Objects.requireNonNull(maxBodySize, "luxe.gateway.max-body-size");
        Objects.requireNonNull(bodyBuffer, "luxe.gateway.body-buffer");
        Objects.requireNonNull(bodyBufferPerCaller, "luxe.gateway.body-buffer-per-caller");
        Objects.requireNonNull(requestReadTimeout, "luxe.gateway.request-read-timeout");
        Objects.requireNonNull(requestTimeout, "luxe.gateway.request-timeout");
        if (bodyBufferPerCaller.compareTo(bodyBuffer) > 0) {
            throw new IllegalArgumentException("luxe.gateway.body-buffer-per-caller (" + bodyBufferPerCaller
                    + ") must not exceed luxe.gateway.body-buffer (" + bodyBuffer + ")");
        }
        if (maxBodySize.compareTo(bodyBufferPerCaller) > 0) {
            throw new IllegalArgumentException("luxe.gateway.max-body-size (" + maxBodySize
                    + ") must not exceed luxe.gateway.body-buffer-per-caller (" + bodyBufferPerCaller + ")");
        }
    }
}
