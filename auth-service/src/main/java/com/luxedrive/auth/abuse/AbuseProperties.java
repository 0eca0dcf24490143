package com.luxedrive.auth.abuse;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param maxFailures         failed logins for one email before it is locked
 * @param firstLockout        the first lockout; each further failure doubles it
 * @param maxLockout          the longest lockout
 * @param failureWindow       failures older than this are forgotten
 * @param ipRequestsPerMinute login, register and refresh calls one IP may make per minute (per endpoint)
 */
@Validated
@ConfigurationProperties("luxe.auth.abuse")
public record AbuseProperties(@Min(1) int maxFailures, @NotNull Duration firstLockout, @NotNull Duration maxLockout,
                              @NotNull Duration failureWindow, @Min(1) int ipRequestsPerMinute) {
}
