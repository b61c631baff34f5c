package io.alicemultiverse.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, and with facets requested the counts of every match by {@code source}, {@code project},
 * {@code model}, {@code tag} (top 50) and {@code month}; {@code total} is the number of matches in all, or -1 when
 * finding it would have cost a count of its own (a filter-only query answered by the catalog without facets).
 * Immutable.
 */
public record SearchResult(List<SearchHit> hits, Map<String, Map<String, Long>> facets, long total) {
    public SearchResult {
        hits = List.copyOf(hits);
        facets = facets == null ? null : Map.copyOf(facets);
        if (total < 0 && facets != null && facets.get("source") != null) {
            total = facets.get("source").values().stream().mapToLong(Long::longValue).sum(); // counts every match
        }
    }
}
