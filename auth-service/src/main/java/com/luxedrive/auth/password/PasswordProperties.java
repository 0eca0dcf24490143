package com.luxedrive.auth.password;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param hashingThreads threads that hash passwords; 0 = one per core
 * @param hashingQueue   hashing requests that may wait; more are refused with 503
 */
@Validated
@ConfigurationProperties("luxe.auth.password")
public record PasswordProperties(@Min(0) @Max(64) int hashingThreads, @Min(1) int hashingQueue) {
}
