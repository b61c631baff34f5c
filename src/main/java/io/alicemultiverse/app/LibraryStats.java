package io.alicemultiverse.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.LinkedHashMap;
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

    /** Every part after the count, by its JSON name, in order: what the plain-text listing prints. */
    public Map<String, Map<String, ?>> sections() {
        Map<String, Map<String, ?>> m = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        where.put("backend", catalog.backend());
        where.put("location", catalog.location());
        m.put("catalog", where);
        m.put("by_source", bySource);
        m.put("by_project", byProject);
        m.put("by_model", byModel);
        m.put("by_month", byMonth);
        m.put("by_media_type", byMediaType);
        return m;
    }
}
