package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cold half of {@link SearchEngine}: what a search reads from the catalog with SQL when the rows are not warm in
 * memory ({@link RowCache} is the warm half) — the matches a filter lets through, their rows and tags, and facet
 * counts. Filters always arrive as bound parameters ({@link SqlFilter}). Not thread-safe (the catalog connection is
 * not).
 */
final class CatalogRows {
    private static final String MATCH = "SELECT a.content_hash, a.created_at, a.path FROM assets a WHERE ";
    private static final String IN_LIST = "a.content_hash IN (SELECT unnest(string_split(?, ',')))";
    private static final String ROW = """
            SELECT a.content_hash, a.path, a.source, a.project, a.model, a.created_at, a.prompt FROM assets a
            WHERE a.content_hash IN (SELECT unnest(string_split(?, ',')))""";
    private static final Map<String, String> FACETS = new LinkedHashMap<>();

    static {
        FACETS.put("source", "coalesce(a.source, 'unknown')");
        FACETS.put("project", "coalesce(a.project, 'uncategorized')");
        FACETS.put("model", "coalesce(a.model, 'unknown')");
        FACETS.put("month", "coalesce(strftime(a.created_at, '%Y-%m'), 'unknown')");
    }

    private final Catalog catalog;

    CatalogRows(Catalog catalog) {
        this.catalog = catalog;
    }

    /** How many assets the catalog holds. */
    int count() {
        return catalog.select("SELECT count(*) FROM assets", List.of(), rs -> rs.getInt(1)).get(0);
    }

    /** The share of assets that pass {@code f}, in [0, 1]. */
    double share(SqlFilter f) {
        List<Double> s = catalog.select("SELECT count(*) FILTER (WHERE " + f.where + ") / greatest(count(*), 1) "
                + "FROM assets a", f.params, rs -> rs.getDouble(1));
        return s.isEmpty() ? 1 : s.get(0);
    }

    /** The ranked candidates {@code fused} (hash to score) that pass {@code f}, in no particular order. */
    List<Match> matchesAmong(SqlFilter f, Map<String, Double> fused) {
        List<Object> params = new ArrayList<>(f.params);
        params.add(String.join(",", fused.keySet()));
        return catalog.select(MATCH + f.where + " AND " + IN_LIST, params, rs -> match(rs, fused.get(rs.getString(1))));
    }

    /** The newest {@code limit} assets that pass {@code f}, scored by {@code score} (by content hash). */
    List<Match> newest(SqlFilter f, int limit, Function<String, Double> score) {
        List<Object> params = new ArrayList<>(f.params);
        params.add(limit);
        return catalog.select(MATCH + f.where + " ORDER BY a.created_at DESC NULLS LAST LIMIT ?", params,
                rs -> match(rs, score.apply(rs.getString(1))));
    }

    /** One page of the assets that pass {@code f}, newest or oldest first, without scores. */
    List<Match> page(SqlFilter f, SearchQuery.Sort sort, int limit, int offset) {
        String order = sort == SearchQuery.Sort.OLDEST ? "a.created_at ASC NULLS LAST, a.path"
                : "a.created_at DESC NULLS LAST, a.path";
        List<Object> params = new ArrayList<>(f.params);
        params.add(limit);
        params.add(offset);
        return catalog.select(MATCH + f.where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params,
                rs -> match(rs, null));
    }

    /**
     * The next {@code limit} assets that pass {@code f} after {@code after} (null: from the first), newest or oldest
     * first: keyset paging, so listing every match costs one indexed range read per chunk however far in it is,
     * where {@code OFFSET} would sort and skip everything before the chunk again each time. Ties on the creation time
     * fall to path, then content hash, so the order is total and no row is repeated or skipped between chunks.
     */
    List<Match> chunkAfter(SqlFilter f, SearchQuery.Sort sort, int limit, Match after) {
        boolean oldest = sort == SearchQuery.Sort.OLDEST;
        String order = (oldest ? "a.created_at ASC" : "a.created_at DESC") + " NULLS LAST, a.path, a.content_hash";
        List<Object> params = new ArrayList<>(f.params);
        String where = f.where;
        if (after != null) {
            String tie = "(a.path > ? OR (a.path = ? AND a.content_hash > ?))";
            if (after.createdAt() == null) { // undated rows come last in both orders
                where += " AND a.created_at IS NULL AND " + tie;
            } else {
                where += " AND (a.created_at " + (oldest ? ">" : "<") + " ? OR a.created_at IS NULL OR (a.created_at = ? AND "
                        + tie + "))";
                params.add(Timestamp.valueOf(after.createdAt()));
                params.add(Timestamp.valueOf(after.createdAt()));
            }
            params.add(after.path());
            params.add(after.path());
            params.add(after.hash());
        }
        params.add(limit);
        return catalog.select(MATCH + where + " ORDER BY " + order + " LIMIT ?", params, rs -> match(rs, null));
    }

    /** The rows and tags of a page of matches, in the page's order (an asset gone meanwhile is left out). */
    List<SearchHit> hits(List<Match> page) {
        String hashes = String.join(",", page.stream().map(Match::hash).toList());
        Map<String, List<String>> tags = new HashMap<>();
        catalog.select("SELECT content_hash, list(DISTINCT tag ORDER BY tag) FROM tags WHERE content_hash IN "
                + "(SELECT unnest(string_split(?, ','))) GROUP BY content_hash", List.of(hashes), rs -> {
            Object[] arr = (Object[]) rs.getArray(2).getArray();
            return tags.put(rs.getString(1), Arrays.stream(arr).map(String::valueOf).toList());
        });
        Map<String, SearchHit> byHash = new HashMap<>();
        Map<String, Double> score = new HashMap<>();
        page.forEach(m -> {
            if (m.score() != null) {
                score.put(m.hash(), m.score());
            }
        });
        catalog.select(ROW, List.of(hashes), rs -> byHash.put(rs.getString(1),
                hit(rs, tags.getOrDefault(rs.getString(1), List.of()), score.get(rs.getString(1)))));
        return page.stream().map(m -> byHash.get(m.hash())).filter(Objects::nonNull).toList();
    }

    /** Facet counts (source, project, model, month, the top 50 tags) over the assets that pass {@code f}. */
    Map<String, Map<String, Long>> facets(SqlFilter f) {
        return facets(f.where, f.params);
    }

    /** Facet counts over the given assets. */
    Map<String, Map<String, Long>> facetsOf(Collection<String> hashes) {
        return facets(IN_LIST, List.of(String.join(",", hashes)));
    }

    private Map<String, Map<String, Long>> facets(String where, List<Object> params) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : FACETS.entrySet()) {
            out.put(e.getKey(), counts("SELECT " + e.getValue() + " AS k, count(*) AS n FROM assets a WHERE " + where
                    + " GROUP BY k ORDER BY n DESC, k", params));
        }
        out.put("tag", counts("SELECT t.tag AS k, count(DISTINCT t.content_hash) AS n FROM tags t JOIN assets a "
                + "ON a.content_hash = t.content_hash WHERE " + where + " GROUP BY k ORDER BY n DESC, k LIMIT 50", params));
        return out;
    }

    private Map<String, Long> counts(String sql, List<Object> params) {
        Map<String, Long> m = new LinkedHashMap<>();
        catalog.select(sql, params, rs -> m.put(rs.getString(1), rs.getLong(2)));
        return m;
    }

    private static Match match(ResultSet rs, Double score) throws SQLException {
        Timestamp t = rs.getTimestamp(2);
        return new Match(rs.getString(1), t == null ? null : t.toLocalDateTime(), rs.getString(3), score);
    }

    private static SearchHit hit(ResultSet rs, List<String> tagList, Double score) throws SQLException {
        Timestamp t = rs.getTimestamp(6);
        return new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                t == null ? null : t.toLocalDateTime(), rs.getString(7), tagList, score);
    }
}
