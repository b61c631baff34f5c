package io.alicemultiverse.search;

import java.time.LocalDateTime;
import java.util.List;

/** One asset found, with its score in the ranking (null when ordered by time only). Immutable. */
public record SearchHit(String contentHash, String path, String source, String project, String model,
                        LocalDateTime createdAt, String prompt, List<String> tags, Double score) {
    public SearchHit {
        tags = List.copyOf(tags);
    }
}
