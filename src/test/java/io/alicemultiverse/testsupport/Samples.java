package io.alicemultiverse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared sample files ({@code ../shared/samples} beside the project). */
public final class Samples {
    private Samples() {
    }

    /** The samples folder; tests fail loudly if it is missing rather than passing vacuously. */
    public static Path dir() {
        Path p = Path.of("..", "shared", "samples").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) { // a clone outside the workplace (e.g. in mktemp -d): the shared folder itself
            p = Path.of("/work/shared/samples");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared samples not found at " + p);
        }
        return p;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
