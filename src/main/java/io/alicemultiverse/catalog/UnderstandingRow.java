package io.alicemultiverse.catalog;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One stored understanding result: the cache entry for (content hash, provider, model, instruction version) and
 * the tags it gave. Immutable.
 *
 * @param tagsJson the tags by category as JSON text ({@code {"subject": ["fox"], …}})
 * @param tags     the same tags flattened for the {@code tags} table (origin {@code understanding})
 */
public record UnderstandingRow(String contentHash, String provider, String model, String instructionVersion,
                               String description, String tagsJson, String prompt, String negative,
                               LocalDateTime createdAt, List<AssetRecord.Tag> tags) {
    public UnderstandingRow {
        tags = List.copyOf(tags);
    }
}
