package io.alicemultiverse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the other projects' test files ({@code ../shared/peers} beside the project). */
public final class Peers {
    private Peers() {
    }

    /** The peers folder; tests fail loudly if it is missing rather than passing vacuously. */
    public static Path dir() {
        Path p = Path.of("..", "shared", "peers").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) { // a clone outside the workplace (e.g. in mktemp -d): the shared folder itself
            p = Path.of("/work/shared/peers");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared peers' files not found at " + p);
        }
        return p;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
