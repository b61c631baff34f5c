package io.alicemultiverse.timeline;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One event of a timeline: a whole video or a still held for a while, {@code frames} long at the timeline's rate,
 * taken from its source at frame 0. Immutable.
 *
 * @param file   the source file (absolute)
 * @param name   the clip name editors show (the file name)
 * @param reel   a CMX 3600 reel name: up to 8 upper-case letters and digits (from the content hash)
 * @param still  true for an image held for {@code frames}
 * @param prompt the generation prompt, null when none (written as a note or marker)
 */
record Clip(String contentHash, Path file, String name, String reel, boolean still, long frames,
                   Integer width, Integer height, String prompt) {
    public Clip {
        Objects.requireNonNull(file, "file");
        if (frames < 1) {
            throw new IllegalArgumentException("a clip lasts at least one frame, not " + frames + ": " + file);
        }
    }
}
