package com.luxedrive.auth.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyTest {

    /**
     * The development key is its owner's alone, read back whole, and nothing is left beside it. (That it is never
     * readable by others while written, nor replaced by a second replica's, is in how it is created; this pins the
     * outcome, not the window.)
     */
    @Test
    void aGeneratedKeyIsReadableByItsOwnerOnlyAndReadBackWhole(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("keys/signing.pem");
        SigningProperties properties = new SigningProperties(file, List.of(), true, "luxe-auth", "luxe-drive-hub",
                Duration.ofMinutes(15));

        SigningKey generated = SigningKey.loadSigning(properties);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        assertThat(SigningKey.loadSigning(properties).kid()).isEqualTo(generated.kid());
    }
}
