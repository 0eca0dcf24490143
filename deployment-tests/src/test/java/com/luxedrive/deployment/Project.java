package com.luxedrive.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The repository whose deployment files the tests check. */
final class Project {

    /** Folders no source or deployment file lives in. */
    private static final Set<String> SKIPPED = Set.of(".git", ".data", "target", "node_modules", ".idea", ".mvn");

    private Project() {
    }

    /** The repository root: given by the build, else the parent of this module's folder. */
    static Path root() {
        String configured = System.getProperty("luxe.project.root");
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        return read(file(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the repository whose path (relative, with '/') the filter accepts; build output left out. */
    static List<Path> files(Predicate<String> relativePath) {
        try (Stream<Path> walk = Files.walk(root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        Path relative = root().relativize(file);
                        for (Path part : relative) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return relativePath.test(relative.toString().replace('\\', '/'));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
