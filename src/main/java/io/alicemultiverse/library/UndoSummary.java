package io.alicemultiverse.library;

import java.util.List;

/** What undoing a run did: files put back, and those left alone with the reason. Immutable. */
public record UndoSummary(String run, String undoRun, int restored, List<String> skipped) {
    public UndoSummary {
        skipped = List.copyOf(skipped);
    }
}
