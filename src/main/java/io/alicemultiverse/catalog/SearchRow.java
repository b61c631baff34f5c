package io.alicemultiverse.catalog;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An asset as a search shows it: where it is, how it was made, and its tags (every origin, distinct and sorted).
 * Immutable.
 */
public record SearchRow(String contentHash, String path, String source, String project, String model,
                        LocalDateTime createdAt, String prompt, List<String> tags) {
    public SearchRow {
        tags = List.copyOf(tags);
    }
}
