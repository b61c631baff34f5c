package io.alicemultiverse.catalog;

import java.time.LocalDateTime;

/**
 * What a timeline needs of one catalogued asset. Immutable; {@code duration} is null for stills and for videos whose
 * length was not catalogued.
 */
public record ClipSource(String contentHash, String path, String mediaType, Double duration, Integer width,
                         Integer height, LocalDateTime createdAt, String prompt, String source, String model) {
}
