package io.alicemultiverse.xmp;

import java.util.List;

/**
 * What a sidecar says, as read back: its subjects (keywords), its rating and description, and the content hash we
 * wrote into it (null in a sidecar another tool made); its keyword paths, colour labels and pick labels as
 * {@link SidecarTags} spells them ({@code places|europe|paris}, {@code red}, {@code accepted}), and the rating
 * alice last wrote or took ({@code alice:rating}, null when none). What alice's catalog held when it last wrote
 * the sidecar: {@code synced}, its label, pick and keyword path tags there ({@code alice:synced}: {@code label:red},
 * {@code pick:accepted}, {@code places|europe|paris}), and {@code ours}, the tags of the entries under its own
 * hierarchies ({@code user|portfolio} → {@code portfolio}). Immutable.
 */
public record Sidecar(List<String> subjects, Integer rating, String description, String contentHash,
                      List<String> paths, List<String> labels, List<String> picks, Integer syncedRating,
                      List<String> synced, List<String> ours) {
    public Sidecar {
        subjects = List.copyOf(subjects);
        paths = List.copyOf(paths);
        labels = List.copyOf(labels);
        picks = List.copyOf(picks);
        synced = List.copyOf(synced);
        ours = List.copyOf(ours);
    }

    /** Whether the sidecar holds the label, pick or keyword path tag {@code tag} ({@code label:red}…). */
    boolean holds(String tag) {
        if (tag.startsWith(SidecarTags.LABEL)) {
            return labels.contains(tag.substring(SidecarTags.LABEL.length()));
        }
        if (tag.startsWith(SidecarTags.PICK)) {
            return picks.contains(tag.substring(SidecarTags.PICK.length()));
        }
        return paths.contains(tag);
    }
}
