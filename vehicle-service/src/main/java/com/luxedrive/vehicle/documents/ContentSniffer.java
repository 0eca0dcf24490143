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

    private static final String PDF = "application/pdf";
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Tika tika = new Tika();

    /**
     * The detected media type; {@code application/octet-stream} when nothing matches. A PDF must begin with its
     * header ({@code %PDF-}, after a byte-order mark at most): Tika's weakest PDF rule finds the header anywhere in
     * the first 512 bytes, so a text file that merely quotes one was taken for a PDF.
     */
    String detect(byte[] head) {
        String detected = tika.detect(head);
        if (PDF.equals(detected) && !startsWithPdfHeader(head)) {
            return OCTET_STREAM;
        }
        return detected;
    }

    private static boolean startsWithPdfHeader(byte[] head) {
        int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        byte[] header = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return head.length - start >= header.length
                && java.util.Arrays.equals(head, start, start + header.length, header, 0, header.length);
    }
}
