package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;

import java.util.Comparator;

/**
 * What one search does, decided once before anything is read: the assets its filters keep, whether its words rank
 * them and by which rankings, how far the relevance floor reaches, the order, the page, whether facets are counted,
 * and whether every match is wanted (the command line's {@code --limit 0}). {@link SearchEngine} runs a plan in one
 * place against the warm or the cold {@link Rows}.
 *
 * @param text      the words to rank by, or null for a filters-only query
 * @param phrases   whether a quoted phrase is part of the filter: then every asset containing it matches, ranked
 *                  ones first, and no floor cuts
 * @param floorGap  ranked matches scoring more than this below the best are not shown (infinite: no floor)
 */
record SearchPlan(AssetFilter filter, String text, boolean phrases, SearchEngine.Mode mode, SearchQuery.Sort sort,
                  int offset, int limit, boolean facets, boolean everything, double floorGap) {
    /** How many candidates each ranking gives when no filter narrows the assets. */
    static final int CANDIDATES = 300;
    /** The most candidates each ranking gives under a narrow filter. */
    static final int CANDIDATES_FILTERED = 3_000;

    static SearchPlan of(SearchQuery q, SearchEngine.Mode mode, boolean facets, boolean everything,
                         double relevanceGap) {
        boolean phrases = !q.phrases().isEmpty();
        // the floor: only when both rankings merge; a quoted phrase is a match by itself and keeps every asset
        double gap = !phrases && mode == SearchEngine.Mode.HYBRID ? relevanceGap : Double.POSITIVE_INFINITY;
        return new SearchPlan(q.filter(), q.hasText() ? q.text() : null, phrases, mode, q.sort(), q.offset(),
                q.limit(), facets, everything, gap);
    }

    /**
     * This plan for every match instead of a page ({@link #everything}): what {@code --all} lists, and what the
     * facets of a query with words count.
     */
    SearchPlan everyMatch() {
        return new SearchPlan(filter, text, phrases, mode, sort, offset, limit, facets, true, floorGap);
    }

    boolean ranked() {
        return text != null;
    }

    /**
     * How many candidates each ranking gives: with {@code everything}, every asset; else enough that about
     * {@link #CANDIDATES} (or the requested page) pass the filters — the page divided by the share of assets that
     * pass, at most {@link #CANDIDATES_FILTERED}.
     */
    int candidates(Rows rows, Rows.Selection selected) {
        if (everything) {
            return Math.max(1, rows.size());
        }
        int wanted = Math.max(CANDIDATES, offset + limit);
        if (filter.isEmpty()) {
            return wanted;
        }
        double share = selected.share();
        long k = share <= 0 ? CANDIDATES_FILTERED : (long) Math.ceil(wanted / share);
        return (int) Math.max(offset + limit, Math.min(CANDIDATES_FILTERED, k));
    }

    /** The most matches a quoted phrase lists. */
    int phraseCap(Rows rows) {
        return everything ? Math.max(1, rows.size()) : SearchQuery.MAX_LIMIT;
    }

    /** The order of the matches: by score (then path), or by creation time (then path). */
    Comparator<Match> order() {
        return switch (sort) {
            case RELEVANCE -> Comparator.comparing(Match::score).reversed().thenComparing(Match::path);
            case NEWEST -> Comparator.comparing(Match::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(Match::path);
            case OLDEST -> Comparator.comparing(Match::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Match::path);
        };
    }
}
