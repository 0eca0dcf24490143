package com.luxedrive.vehicle.documents;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of what decides whether an upload is kept: whatever bytes follow, a file that
 * starts like a program, a web page or an archive is never taken for a PDF or an image, and the sniffer never fails.
 * {@code ./mvnw test} replays the inputs kept under {@code src/test/resources}; CI fuzzes it for a while (the
 * {@code fuzz} executions in the pom, {@code JAZZER_FUZZ=1}).
 */
class ContentSnifferFuzzTest {

    private static final List<byte[]> DANGEROUS = List.of(
            "MZ".getBytes(StandardCharsets.US_ASCII),                  // Windows executable
            new byte[]{0x7f, 'E', 'L', 'F'},                           // Linux executable
            new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}, // Java class, Mach-O fat binary
            new byte[]{'P', 'K', 3, 4},                                // zip, jar, docx
            "<!DOCTYPE html>".getBytes(StandardCharsets.US_ASCII),
            "<html>".getBytes(StandardCharsets.US_ASCII),
            "<script>".getBytes(StandardCharsets.US_ASCII),
            "<svg xmlns=\"http://www.w3.org/2000/svg\">".getBytes(StandardCharsets.US_ASCII),
            "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII));

    private final ContentSniffer sniffer = new ContentSniffer();

    @FuzzTest(maxDuration = "30s")
    void aFileThatStartsLikeAProgramOrAPageIsNeverAccepted(FuzzedDataProvider data) {
        byte[] prefix = DANGEROUS.get(data.consumeInt(0, DANGEROUS.size() - 1));
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] head = new byte[Math.min(ContentSniffer.HEAD_BYTES, prefix.length + rest.length)];
        System.arraycopy(prefix, 0, head, 0, Math.min(prefix.length, head.length));
        System.arraycopy(rest, 0, head, prefix.length, head.length - prefix.length);

        String detected = sniffer.detect(head);

        assertThat(detected).isNotBlank();
        assertThat(ContentSniffer.ACCEPTED).as("%s detected for a file starting %s", detected,
                new String(prefix, StandardCharsets.ISO_8859_1)).doesNotContain(detected);
    }
}
