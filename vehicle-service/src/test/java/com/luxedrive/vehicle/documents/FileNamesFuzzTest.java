package com.luxedrive.vehicle.documents;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the name an upload is stored and downloaded under: a name that is kept never
 * leaves its folder, hides no control or direction-override character, and its {@code Content-Disposition} header
 * is plain printable ASCII (no header injection, nothing a proxy could misread).
 */
class FileNamesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void aKeptNameStaysInItsFolderAndItsHeaderIsPlainAscii(String submitted) {
        FileNames.sanitised(submitted).ifPresent(name -> {
            assertThat(name).isNotBlank().doesNotContain("/", "\\", "..");
            assertThat(name.length()).isLessThanOrEqualTo(FileNames.MAX_LENGTH);
            assertThat(name.chars().noneMatch(Character::isISOControl)).as(name).isTrue();
            assertThat(name).doesNotContainPattern("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F]");
            String header = FileNames.attachment(name);
            assertThat(header.chars().allMatch(c -> c >= 0x20 && c < 0x7F)).as(header).isTrue();
        });
    }
}
