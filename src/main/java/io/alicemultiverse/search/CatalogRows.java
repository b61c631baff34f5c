package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SearchReads;
import io.alicemultiverse.catalog.SearchRow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cold half of {@link SearchEngine}: what a search reads from the catalog when the rows are not warm in memory
 * ({@link RowCache} is the warm half) — the matches a filter lets through, their rows and tags, and facet counts —
 * through the catalog's typed {@link SearchReads}, given scores here. Not thread-safe (the catalog connection is not).
 */
final class CatalogRows {
    private final Catalog catalog;
    private final SearchReads reads;

    CatalogRows(Catalog catalog) {
        this.catalog = catalog;
        this.reads = catalog.searchReads();
    }

    /** How many assets the catalog holds. */
    int count() {
        return (int) catalog.assetCount();
    }

    /** The share of assets that pass {@code f}, in [0, 1]. */
    double share(AssetFilter f) {
        return reads.share(f);
    }

    /** The ranked candidates {@code fused} (hash to score) that pass {@code f}, in no particular order. */
    List<Match> matchesAmong(AssetFilter f, Map<String, Double> fused) {
        return reads.among(f, fused.keySet()).stream().map(m -> match(m, fused.get(m.contentHash()))).toList();
    }

    /** The newest {@code limit} assets that pass {@code f}, scored by {@code score} (by content hash). */
    List<Match> newest(AssetFilter f, int limit, Function<String, Double> score) {
        return reads.newest(f, limit).stream().map(m -> match(m, score.apply(m.contentHash()))).toList();
    }

    /** One page of the assets that pass {@code f}, newest or oldest first, without scores. */
    List<Match> page(AssetFilter f, SearchQuery.Sort sort, int limit, int offset) {
        return unscored(reads.page(f, sort == SearchQuery.Sort.OLDEST, limit, offset));
    }

    /**
     * The next {@code limit} assets that pass {@code f} after {@code after} (null: from the first), newest or oldest
     * first, by keyset ({@link SearchReads#after}).
     */
    List<Match> chunkAfter(AssetFilter f, SearchQuery.Sort sort, int limit, Match after) {
        SearchReads.Found from = after == null ? null : new SearchReads.Found(after.hash(), after.createdAt(), after.path());
        return unscored(reads.after(f, sort == SearchQuery.Sort.OLDEST, limit, from));
    }

    /** The rows and tags of a page of matches, in the page's order (an asset gone meanwhile is left out). */
    List<SearchHit> hits(List<Match> page) {
        Map<String, SearchRow> rows = reads.rows(page.stream().map(Match::hash).toList());
        return page.stream().map(m -> {
            SearchRow r = rows.get(m.hash());
            return r == null ? null : hit(r, m.score());
        }).filter(Objects::nonNull).toList();
    }

    /** Facet counts (source, project, model, month, the top 50 tags) over the assets that pass {@code f}. */
    Map<String, Map<String, Long>> facets(AssetFilter f) {
        return reads.facets(f);
    }

    /** Facet counts over the given assets. */
    Map<String, Map<String, Long>> facetsOf(Collection<String> hashes) {
        return reads.facetsOf(hashes);
    }

    /** A catalog row as a search hit with {@code score} (null when ordered by time only). */
    static SearchHit hit(SearchRow r, Double score) {
        return new SearchHit(r.contentHash(), r.path(), r.source(), r.project(), r.model(), r.createdAt(), r.prompt(),
                r.tags(), score);
    }

    private static List<Match> unscored(List<SearchReads.Found> found) {
        return found.stream().map(m -> match(m, null)).toList();
    }

    private static Match match(SearchReads.Found f, Double score) {
        return new Match(f.contentHash(), f.createdAt(), f.path(), score);
    }
}
