package io.alicemultiverse.xmp;

import java.util.List;

/**
 * What a sidecar says, as read back: its subjects (keywords), its rating and description, and the content hash we
 * wrote into it (null in a sidecar another tool made). Immutable.
 */
public record Sidecar(List<String> subjects, Integer rating, String description, String contentHash) {
    public Sidecar {
        subjects = List.copyOf(subjects);
    }
}
