package com.luxedrive.deployment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shell block of the documents an operator copies from is at least valid bash ({@code bash -n}). */
class DocumentedCommandsTest {

    private static final Pattern BASH_BLOCK = Pattern.compile("(?ms)^```(?:bash|sh|shell)\\n(.*?)^```");

    static Stream<Path> documents() throws IOException {
        Path root = Project.root();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents.stream();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyShellBlockParses(Path document) throws Exception {
        Matcher blocks = BASH_BLOCK.matcher(Files.readString(document));
        while (blocks.find()) {
            Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
            bash.getOutputStream().write(blocks.group(1).getBytes(StandardCharsets.UTF_8));
            bash.getOutputStream().close();
            String complaints = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as("%s, the block:%n%s%n%s", document.getFileName(), blocks.group(1),
                    complaints).isZero();
        }
    }
}
