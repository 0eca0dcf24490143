package com.luxedrive.realtime.socket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param host          interface the Socket.IO server binds
 * @param port          its port (0: any free port, for tests)
 * @param loginDeadline how long a socket may stay connected without authenticating
 * @param maxFramePayloadBytes the largest websocket frame or polling body accepted
 */
@Validated
@ConfigurationProperties("luxe.realtime.socket")
public record SocketProperties(@NotBlank String host, @Min(0) @Max(65535) int port, @NotNull Duration loginDeadline,
                               @Min(1024) int maxFramePayloadBytes) {
}
