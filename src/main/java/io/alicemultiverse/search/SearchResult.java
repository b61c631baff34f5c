package io.alicemultiverse.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, and with facets requested the counts of every match by {@code source}, {@code project},
 * {@code model}, {@code tag} (top 50) and {@code month} — every asset the query matches, as
 * {@link SearchEngine#each} lists them, whatever the page's limit and offset. {@code total} is the number of
 * matches in all: with facets, the number they count; without, for a query with words, those among its ranking's
 * candidates (at least 300, see {@code SearchPlan.candidates}), and -1 when finding it would have cost a count of its
 * own (a filter-only query answered by the catalog). {@code unknownWords}: the words of a query that found nothing
 * when none of them is in this library's lexical index or in the dictionary (WordNet): a typo or a made-up word,
 * which no other spelling of the query's filters would find either; empty otherwise (also when that cannot be told).
 * Immutable.
 */
public record SearchResult(List<SearchHit> hits, Map<String, Map<String, Long>> facets, long total,
                           List<String> unknownWords) {
    public SearchResult(List<SearchHit> hits, Map<String, Map<String, Long>> facets, long total) {
        this(hits, facets, total, List.of());
    }

    public SearchResult {
        hits = List.copyOf(hits);
        unknownWords = List.copyOf(unknownWords);
        facets = facets == null ? null : Map.copyOf(facets);
        if (total < 0 && facets != null && facets.get("source") != null) {
            total = facets.get("source").values().stream().mapToLong(Long::longValue).sum(); // counts every match
        }
    }

    /** This result, told that no word of its query is known: {@code words}. */
    SearchResult withUnknownWords(List<String> words) {
        return new SearchResult(hits, facets, total, words);
    }
}
