package io.alicemultiverse.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;

/**
 * What {@code alice stats --json} and the MCP tool {@code library_stats} answer: the number of assets, where the
 * catalog is, and counts by source, project, model, month and media type (largest first).
 */
public record LibraryStats(
        long assets,
        Where catalog,
        @JsonProperty("by_source") Map<String, Long> bySource,
        @JsonProperty("by_project") Map<String, Long> byProject,
        @JsonProperty("by_model") Map<String, Long> byModel,
        @JsonProperty("by_month") @JsonPropertyDescription("yyyy-MM of creation") Map<String, Long> byMonth,
        @JsonProperty("by_media_type") Map<String, Long> byMediaType) {

    /** The catalog's backend ({@code duckdb} or {@code postgresql}) and its location (never a password). */
    public record Where(String backend, String location) {
    }
}
