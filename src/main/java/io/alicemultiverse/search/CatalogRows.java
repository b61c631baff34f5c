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

    /**
     * The most assets a quoted phrase beside other rules may match in this machine's lexical index for the index to
     * answer it (every match's row is then read from the catalog by hash, with those rules); a phrase that matches more
     * is left to the catalog's SQL, which finds as many as a page needs newest first. Phrases alone have no such
     * bound: a page reads the rows of its own matches only.
     */
    static final int PHRASE_MATCHES_MOST = 100_000;
    /** How many filters' phrases the lexical index answered in this process (tests check which way they went). */
    static final java.util.concurrent.atomic.AtomicInteger PHRASES_FROM_INDEX = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A filter, decided by the catalog's SQL each time it is asked something; one with quoted phrases is decided from
     * the assets this machine's lexical index finds holding them, when it is up to date and they are few enough: the
     * catalog is then asked only for rows by hash, and when the phrases are the filter's only rule only for those a
     * page needs (the newest of the matches, by the creation times the index keeps).
     */
    private final class Selected implements Selection {
        private final AssetFilter f;
        /** {@code f}'s rules besides its phrases. */
        private final AssetFilter rules;
        /** The index's matches of {@code f}'s phrases, when it answered them; else null. */
        private List<IndexPhrases.Matched> matched;
        private boolean phrasesAsked;
        /** Every asset that passes {@code f}, read for all {@link #matched} (only when {@code f} has other rules). */
        private List<SearchReads.Found> passing;
        /** Per sort, {@link #matched} by time and {@link #passing} in the catalog's order (a walk asks once per chunk). */
        private final Map<SearchQuery.Sort, List<IndexPhrases.Matched>> byTime = new java.util.EnumMap<>(SearchQuery.Sort.class);
        private final Map<SearchQuery.Sort, List<SearchReads.Found>> passingSorted = new java.util.EnumMap<>(SearchQuery.Sort.class);

        Selected(AssetFilter f) {
            this.f = f;
            this.rules = f.withoutPhrases();
        }

        /** Whether the index answered {@code f}'s phrases (then {@link #matched} holds them). */
        private boolean local() {
            if (!phrasesAsked) {
                phrasesAsked = true;
                if (!f.phrases().isEmpty()) {
                    int most = phrasesOnly() ? Integer.MAX_VALUE : PHRASE_MATCHES_MOST;
                    matched = index.get().flatMap(i -> i.containing(f.phrases(), most)).orElse(null);
                    if (matched != null) {
                        PHRASES_FROM_INDEX.incrementAndGet();
                    }
                }
            }
            return matched != null;
        }

        /** Whether the phrases are all of {@code f}: then the index's matches are the selection. */
        private boolean phrasesOnly() {
            return rules.isEmpty();
        }

        /** Those of {@code some} matches that pass {@code f}'s other rules, with their rows' times and paths. */
        private List<SearchReads.Found> rowsOf(List<IndexPhrases.Matched> some) {
            return some.isEmpty() ? List.of() : reads.among(rules, some.stream().map(IndexPhrases.Matched::hash).toList());
        }

        private List<SearchReads.Found> passing() {
            if (passing == null) {
                passing = rowsOf(matched);
            }
            return passing;
        }

        /** {@link #matched} by time in {@code sort}'s direction (phrases only). */
        private List<IndexPhrases.Matched> byTime(SearchQuery.Sort sort) {
            return byTime.computeIfAbsent(sort, s -> PhraseOrder.byTime(matched, s));
        }

        /** {@link #passing} in {@code sort}'s catalog order (phrases beside other rules). */
        private List<SearchReads.Found> passingSorted(SearchQuery.Sort sort) {
            return passingSorted.computeIfAbsent(sort, s -> sorted(passing(), s));
        }

        /**
         * The first {@code n} selected assets in {@code sort}'s order from the {@code skip}-th on: read by hash for the
         * index's first {@code skip + n} matches by time and every match tied with the last of them (phrases only),
         * or cut from every passing asset.
         */
        private List<SearchReads.Found> firstSelected(SearchQuery.Sort sort, int skip, int n) {
            List<SearchReads.Found> from = phrasesOnly()
                    ? sorted(rowsOf(PhraseOrder.leading(byTime(sort), 0, (long) skip + n)), sort) : passingSorted(sort);
            return window(from, skip, n);
        }

        @Override
        public double share() {
            if (!local()) {
                return reads.share(f);
            }
            return Math.min(1, (phrasesOnly() ? matched.size() : passing().size()) / (double) Math.max(1, size()));
        }

        @Override
        public long count() {
            return -1;
        }

        @Override
        public List<Match> among(Map<String, Double> ranked) {
            List<SearchReads.Found> found = !local() ? reads.among(f, ranked.keySet())
                    : rowsOf(matched.stream().filter(m -> ranked.containsKey(m.hash())).toList());
            return found.stream().map(m -> match(m, ranked.get(m.contentHash()))).toList();
        }

        @Override
        public List<Match> newest(int limit, Function<String, Double> score) {
            List<SearchReads.Found> found = !local() ? reads.newest(f, limit)
                    : firstSelected(SearchQuery.Sort.NEWEST, 0, limit);
            return found.stream().map(m -> match(m, score.apply(m.contentHash()))).toList();
        }

        @Override
        public List<Match> page(SearchQuery.Sort sort, int limit, int offset) {
            return unscored(!local() ? reads.page(f, sort == SearchQuery.Sort.OLDEST, limit, offset)
                    : firstSelected(sort, offset, limit));
        }

        @Override
        public List<Match> after(SearchQuery.Sort sort, int limit, Match after) {
            SearchReads.Found from = after == null ? null
                    : new SearchReads.Found(after.hash(), after.createdAt(), after.path());
            if (!local()) {
                return unscored(reads.after(f, sort == SearchQuery.Sort.OLDEST, limit, from));
            }
            if (from == null) {
                return unscored(firstSelected(sort, 0, limit));
            }
            java.util.Comparator<SearchReads.Found> order = order(sort);
            List<SearchReads.Found> candidates = phrasesOnly()
                    ? sorted(rowsOf(PhraseOrder.after(byTime(sort), sort, from.createdAt(), limit)), sort)
                    : passingSorted(sort);
            return unscored(window(candidates.stream().filter(m -> order.compare(m, from) > 0).toList(), 0, limit));
        }

        @Override
        public Map<String, Map<String, Long>> facets() {
            if (local()) {
                List<String> hashes = phrasesOnly() ? matched.stream().map(IndexPhrases.Matched::hash).toList()
                        : passing().stream().map(SearchReads.Found::contentHash).toList();
                return fromIndex(() -> hashes).orElseGet(() -> reads.facetsOf(hashes));
            }
            return fromIndex(() -> f.isEmpty() ? null : reads.hashes(f)).orElseGet(() -> reads.facets(f));
        }

        @Override
        public Map<String, Map<String, Long>> facetsOf(List<Match> matches) {
            List<String> hashes = matches.stream().map(Match::hash).toList();
            return fromIndex(() -> hashes).orElseGet(() -> reads.facetsOf(hashes));
        }
    }

    /** {@code found} in {@code sort}'s {@link #order}. */
    private static List<SearchReads.Found> sorted(List<SearchReads.Found> found, SearchQuery.Sort sort) {
        List<SearchReads.Found> out = new java.util.ArrayList<>(found);
        out.sort(order(sort));
        return out;
    }

    /**
     * The catalog's order of {@code sort} ({@code SearchReads.after}): by creation time, undated assets last, then
     * by path, then by content hash.
     */
    static java.util.Comparator<SearchReads.Found> order(SearchQuery.Sort sort) {
        java.util.Comparator<java.time.LocalDateTime> time = sort == SearchQuery.Sort.OLDEST
                ? java.util.Comparator.naturalOrder() : java.util.Comparator.reverseOrder();
        return java.util.Comparator.comparing(SearchReads.Found::createdAt, java.util.Comparator.nullsLast(time))
                .thenComparing(SearchReads.Found::path, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(SearchReads.Found::contentHash);
    }

    /** {@code limit} items of {@code all} from {@code offset} (fewer at the end). */
    private static <T> List<T> window(List<T> all, int offset, int limit) {
        int from = Math.min(all.size(), Math.max(0, offset));
        return all.subList(from, (int) Math.min(all.size(), (long) from + Math.max(0, limit)));
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
