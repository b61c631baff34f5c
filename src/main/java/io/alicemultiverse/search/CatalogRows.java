package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SearchReads;
import io.alicemultiverse.catalog.SearchRow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cold half of {@link Rows}: what a search reads from the catalog when the rows are not warm in memory
 * ({@link WarmRows} is the warm half) — the matches a filter lets through, their rows and tags, and facet counts —
 * through the catalog's typed {@link SearchReads}, given scores here. Not thread-safe (the catalog connection is not).
 */
final class CatalogRows implements Rows {
    private final Catalog catalog;
    private final SearchReads reads;
    /** This machine's lexical index when it is up to date, which counts facets without the catalog's statement. */
    private final java.util.function.Supplier<java.util.Optional<LexicalIndex>> index;

    CatalogRows(Catalog catalog, java.util.function.Supplier<java.util.Optional<LexicalIndex>> index) {
        this.catalog = catalog;
        this.reads = catalog.searchReads();
        this.index = index;
    }

    /** How many facet counts the lexical index answered in this process (tests check which way facets went). */
    static final java.util.concurrent.atomic.AtomicInteger FACETS_FROM_INDEX = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Facets from the lexical index when it is up to date and exact, over the hashes {@code hashes} supplies (null:
     * every asset); else empty. The index reads each document's values in place: at 1,000,000 assets on PostgreSQL
     * the catalog's statement took 5 s for every asset and 2.5 s for a fifth of them (docs/benchmarks.md).
     */
    private java.util.Optional<Map<String, Map<String, Long>>> fromIndex(
            java.util.function.Supplier<java.util.Collection<String>> hashes) {
        java.util.Optional<Map<String, Map<String, Long>>> counted =
                index.get().flatMap(i -> i.facets(hashes.get()));
        counted.ifPresent(c -> FACETS_FROM_INDEX.incrementAndGet());
        return counted;
    }

    @Override
    public int size() {
        return (int) catalog.assetCount();
    }

    @Override
    public Selection select(AssetFilter f) {
        return new Selected(f);
    }

    @Override
    public List<SearchHit> hits(List<Match> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, SearchRow> rows = reads.rows(page.stream().map(Match::hash).toList());
        return page.stream().map(m -> {
            SearchRow r = rows.get(m.hash());
            return r == null ? null : hit(r, m.score());
        }).filter(Objects::nonNull).toList();
    }

    /** A filter, decided by the catalog's SQL each time it is asked something. */
    private final class Selected implements Selection {
        private final AssetFilter f;

        Selected(AssetFilter f) {
            this.f = f;
        }

        @Override
        public double share() {
            return reads.share(f);
        }

        @Override
        public long count() {
            return -1;
        }

        @Override
        public List<Match> among(Map<String, Double> ranked) {
            return reads.among(f, ranked.keySet()).stream().map(m -> match(m, ranked.get(m.contentHash()))).toList();
        }

        @Override
        public List<Match> newest(int limit, Function<String, Double> score) {
            return reads.newest(f, limit).stream().map(m -> match(m, score.apply(m.contentHash()))).toList();
        }

        @Override
        public List<Match> page(SearchQuery.Sort sort, int limit, int offset) {
            return unscored(reads.page(f, sort == SearchQuery.Sort.OLDEST, limit, offset));
        }

        @Override
        public List<Match> after(SearchQuery.Sort sort, int limit, Match after) {
            SearchReads.Found from = after == null ? null
                    : new SearchReads.Found(after.hash(), after.createdAt(), after.path());
            return unscored(reads.after(f, sort == SearchQuery.Sort.OLDEST, limit, from));
        }

        @Override
        public Map<String, Map<String, Long>> facets() {
            return fromIndex(() -> f.isEmpty() ? null : reads.hashes(f)).orElseGet(() -> reads.facets(f));
        }

        @Override
        public Map<String, Map<String, Long>> facetsOf(List<Match> matches) {
            List<String> hashes = matches.stream().map(Match::hash).toList();
            return fromIndex(() -> hashes).orElseGet(() -> reads.facetsOf(hashes));
        }
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
