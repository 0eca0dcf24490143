package com.luxedrive.vehicle.documents;

import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * What a file really is, judged from its first bytes only (Apache Tika's magic numbers) — never from its name or the
 * client's {@code Content-Type}, which an attacker chooses.
 */
@Component
class ContentSniffer {

    /** How many leading bytes the detection looks at; every accepted format announces itself well within this. */
    static final int HEAD_BYTES = 8 * 1024;

    static final Set<String> ACCEPTED = Set.of("application/pdf", "image/jpeg", "image/png", "image/heic",
            "image/heif", "image/webp");

    private final Tika tika = new Tika();

    /** The detected media type; {@code application/octet-stream} when nothing matches. */
    String detect(byte[] head) {
        return tika.detect(head);
    }
}
