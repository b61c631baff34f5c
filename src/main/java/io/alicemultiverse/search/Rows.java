package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a search's matches, rows and facet counts come from: the rows a warm engine keeps in memory
 * ({@link WarmRows}) or the catalog ({@link CatalogRows}). {@link SearchEngine} plans a query once
 * ({@link SearchPlan}) and runs the plan against either, so the two paths differ only here; the filter rules both
 * follow are defined once, in {@code catalog.FilterRule}.
 */
interface Rows {
    /** How many assets there are. */
    int size();

    /** The assets that pass {@code f}. */
    Selection select(AssetFilter f);

    /** The rows and tags of a page of matches, in the page's order (an asset gone meanwhile is left out). */
    List<SearchHit> hits(List<Match> page);

    /** The assets that pass one filter. */
    interface Selection {
        /** The share of all assets selected, in [0, 1]. */
        double share();

        /** How many assets are selected, or -1 when counting would cost a query of its own (the catalog). */
        long count();

        /** The ranked candidates ({@code ranked}: hash to score) that are selected, in no particular order. */
        List<Match> among(Map<String, Double> ranked);

        /** The newest {@code limit} selected assets, scored by {@code score} (by content hash). */
        List<Match> newest(int limit, Function<String, Double> score);

        /** One page of the selected assets in {@code sort}'s time order, without scores. */
        List<Match> page(SearchQuery.Sort sort, int limit, int offset);

        /**
         * The next {@code limit} selected assets after {@code after} (null: from the first), in {@code sort}'s time
         * order: a walk over every match in constant memory.
         */
        List<Match> after(SearchQuery.Sort sort, int limit, Match after);

        /** Facet counts over the selected assets. */
        Map<String, Map<String, Long>> facets();

        /** Facet counts over {@code matches} (selected assets that also matched words). */
        Map<String, Map<String, Long>> facetsOf(List<Match> matches);
    }
}
