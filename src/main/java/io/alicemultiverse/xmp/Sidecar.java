package io.alicemultiverse.xmp;

import java.util.List;

/**
 * What a sidecar says, as read back: its subjects (keywords), its rating and description, and the content hash we
 * wrote into it (null in a sidecar another tool made); its keyword paths, colour labels and pick labels as
 * {@link SidecarTags} spells them ({@code places|europe|paris}, {@code red}, {@code accepted}), and the rating
 * alice last wrote or took ({@code alice:rating}, null when none). Immutable.
 */
public record Sidecar(List<String> subjects, Integer rating, String description, String contentHash,
                      List<String> paths, List<String> labels, List<String> picks, Integer syncedRating) {
    public Sidecar {
        subjects = List.copyOf(subjects);
        paths = List.copyOf(paths);
        labels = List.copyOf(labels);
        picks = List.copyOf(picks);
    }
}
