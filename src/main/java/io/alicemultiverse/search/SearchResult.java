package io.alicemultiverse.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, and with facets requested the counts of every match by {@code source}, {@code project},
 * {@code model}, {@code tag} (top 50) and {@code month}. Immutable.
 */
public record SearchResult(List<SearchHit> hits, Map<String, Map<String, Long>> facets) {
    public SearchResult {
        hits = List.copyOf(hits);
        facets = facets == null ? null : Map.copyOf(facets);
    }
}
