package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The warm half of {@link Rows}: every asset's row in memory ({@link RowCache}), a filter decided once as a bit set
 * over the rows' positions (newest first). Safe to use from many threads when its cache is a published snapshot.
 */
final class WarmRows implements Rows {
    private final RowCache cache;

    WarmRows(RowCache cache) {
        this.cache = cache;
    }

    @Override
    public int size() {
        return cache.size();
    }

    @Override
    public Selection select(AssetFilter f) {
        return new Selected(cache.filter(f));
    }

    @Override
    public List<SearchHit> hits(List<Match> page) {
        List<SearchHit> out = new ArrayList<>(page.size());
        for (Match m : page) {
            int p = cache.position(m.hash());
            if (p >= 0) {
                SearchHit h = cache.row(p).hit();
                out.add(new SearchHit(h.contentHash(), h.path(), h.source(), h.project(), h.model(), h.createdAt(),
                        h.prompt(), h.tags(), m.score()));
            }
        }
        return out;
    }

    private static Match match(RowCache.Row r, Double score) {
        return new Match(r.hit().contentHash(), r.hit().createdAt(), r.hit().path(), score);
    }

    private final class Selected implements Selection {
        private final BitSet pass;
        /** The selection in each order, listed once by {@link #after} (a walk reads it a chunk at a time). */
        private List<Match> newest;
        private List<Match> oldest;
        /** Where the last chunk {@link #after} gave ended, so a walk goes on without searching for its place. */
        private Match walkedTo;
        private int walkedEnd;

        Selected(BitSet pass) {
            this.pass = pass;
        }

        @Override
        public double share() {
            return pass.cardinality() / (double) Math.max(1, cache.size());
        }

        @Override
        public long count() {
            return pass.cardinality();
        }

        @Override
        public List<Match> among(Map<String, Double> ranked) {
            List<Match> out = new ArrayList<>();
            for (Map.Entry<String, Double> e : ranked.entrySet()) {
                int p = cache.position(e.getKey());
                if (p >= 0 && pass.get(p)) {
                    out.add(match(cache.row(p), e.getValue()));
                }
            }
            return out;
        }

        @Override
        public List<Match> newest(int limit, Function<String, Double> score) {
            List<Match> out = new ArrayList<>();
            for (int i = pass.nextSetBit(0); i >= 0 && out.size() < limit; i = pass.nextSetBit(i + 1)) {
                RowCache.Row r = cache.row(i);
                out.add(match(r, score.apply(r.hit().contentHash())));
            }
            return out;
        }

        @Override
        public List<Match> page(SearchQuery.Sort sort, int limit, int offset) {
            if (sort == SearchQuery.Sort.OLDEST) {
                List<Match> all = all(sort);
                return all.subList(Math.min(all.size(), offset), Math.min(all.size(), offset + limit));
            }
            // newest first is position order: skip to the page without listing what comes before
            List<Match> page = new ArrayList<>(Math.min(limit, 1024));
            int seen = 0;
            for (int i = pass.nextSetBit(0); i >= 0 && page.size() < limit; i = pass.nextSetBit(i + 1)) {
                if (seen++ >= offset) {
                    page.add(match(cache.row(i), null));
                }
            }
            return page;
        }

        @Override
        public List<Match> after(SearchQuery.Sort sort, int limit, Match after) {
            List<Match> all = all(sort);
            int from;
            if (after == null) {
                from = 0;
            } else if (after == walkedTo) { // the usual walk: go on where the last chunk ended
                from = walkedEnd;
            } else {
                int i = all.indexOf(after);
                from = i < 0 ? all.size() : i + 1;
            }
            List<Match> chunk = all.subList(Math.min(all.size(), from), Math.min(all.size(), from + limit));
            if (!chunk.isEmpty()) {
                walkedTo = chunk.get(chunk.size() - 1);
                walkedEnd = from + chunk.size();
            }
            return chunk;
        }

        private List<Match> all(SearchQuery.Sort sort) {
            if (sort == SearchQuery.Sort.OLDEST) {
                if (oldest == null) {
                    oldest = cache.rows(pass, sort).stream().map(r -> match(r, null)).toList();
                }
                return oldest;
            }
            if (newest == null) {
                newest = cache.rows(pass, sort).stream().map(r -> match(r, null)).toList();
            }
            return newest;
        }

        @Override
        public Map<String, Map<String, Long>> facets() {
            return cache.facets(pass);
        }

        @Override
        public Map<String, Map<String, Long>> facetsOf(List<Match> matches) {
            BitSet bits = new BitSet();
            matches.forEach(m -> bits.set(cache.position(m.hash())));
            return cache.facets(bits);
        }
    }
}
