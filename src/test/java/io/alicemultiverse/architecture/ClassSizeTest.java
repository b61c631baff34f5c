package io.alicemultiverse.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class past 400 lines is a sign to split it by role; one that stays longer says why in a line starting
 * {@code // Over 400 lines:} above its declaration.
 */
class ClassSizeTest {
    static final int MAX_LINES = 400;

    @Test
    void everyLongSourceFileSaysWhy() throws IOException {
        List<String> unexplained = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.size() > MAX_LINES && lines.stream().noneMatch(l -> l.startsWith("// Over 400 lines: "))) {
                    unexplained.add(f + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(unexplained).as("source files over %d lines without a '// Over 400 lines: ' reason", MAX_LINES)
                .isEmpty();
    }
}
