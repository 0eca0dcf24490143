package com.luxedrive.notification.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A notification's entity tag: the time of its last change, to the microsecond the database keeps (writes truncate
 * to it, so a tag computed before the write equals one read back). {@code If-Match} with a tag another change has
 * replaced refuses the request instead of applying it to a state its sender has not seen.
 */
public final class Versions {

    private Versions() {
    }

    /** The time a change is written: now, to the microsecond. */
    public static Instant changedAt(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The strong entity tag of a state last changed at {@code updatedAt}. */
    public static String etag(Instant updatedAt) {
        return "\"" + ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt) + "\"";
    }

    /** Whether an {@code If-Match} value (absent, {@code *}, or a list of tags) allows changing that state. */
    public static boolean matches(String ifMatch, Instant updatedAt) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return true;
        }
        String current = etag(updatedAt);
        // If-Match compares strongly: a weak tag (W/"…") never matches
        return Arrays.stream(ifMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
    }
}
