package io.alicemultiverse.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a search reads from the catalog when its rows are not warm in memory (the cold path): the assets a filter
 * lets through, in time order or among ranked candidates, their displayed rows, and facet counts. Filters arrive
 * typed ({@link AssetFilter}) and are bound as parameters ({@link FilterSql}). Not thread-safe (the catalog
 * connection is not).
 */
public final class SearchReads {
    /** An asset that passed a filter, with what orders it: creation time (null when unknown), then path. */
    public record Found(String contentHash, LocalDateTime createdAt, String path) {
    }

    private static final String FOUND = "SELECT a.content_hash, a.created_at, a.path FROM assets a WHERE ";
    private static final String ROW = "SELECT a.content_hash, a.path, a.source, a.project, a.model, a.created_at, "
            + "a.prompt FROM assets a WHERE a.content_hash " + SearchSql.IN_HASHES;

    /** The column expression a single-valued {@link Facet} counts. */
    private static String column(Facet f) {
        return switch (f.field()) {
            case SOURCE -> "a.source";
            case PROJECT -> "a.project";
            case MODEL -> "a.model";
            case CREATED -> SearchSql.MONTH;
            default -> throw new IllegalArgumentException("no column for the facet " + f);
        };
    }

    private final Catalog catalog;

    SearchReads(Catalog catalog) {
        this.catalog = catalog;
    }

    /** From this many assets on, a PostgreSQL catalog estimates a filter's share instead of counting it. */
    static final double ESTIMATE_FROM = 100_000;
    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

    /**
     * The share of assets that pass {@code f}, in [0, 1]: it sizes the candidate lists of ranked searches, a
     * heuristic. Counted, except on a PostgreSQL catalog of {@link #ESTIMATE_FROM} assets or more, where counting
     * reads every row (with a quoted phrase also every asset's tags: ~100 s at 1,000,000 assets) and the planner's
     * estimate of the filter's rows is taken instead (a few milliseconds).
     */
    public double share(AssetFilter f) {
        return share(f, ESTIMATE_FROM);
    }

    double share(AssetFilter f, double estimateFrom) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        if (catalog.dialect() == Dialect.POSTGRES) {
            double total = catalog.select("SELECT reltuples FROM pg_class WHERE oid = to_regclass('assets')", List.of(),
                    rs -> rs.getDouble(1)).stream().findFirst().orElse(-1.0);
            if (total >= estimateFrom && total > 0) {
                String plan = String.join("\n", catalog.select("EXPLAIN (FORMAT JSON) SELECT 1 FROM assets a WHERE "
                        + s.where, s.params, rs -> rs.getString(1)));
                java.util.regex.Matcher m = PLAN_ROWS.matcher(plan);
                if (!m.find()) {
                    throw new CatalogException("no row estimate in PostgreSQL's plan: " + plan);
                }
                return Math.min(1, Double.parseDouble(m.group(1)) / total);
            }
        }
        List<Double> out = catalog.select("SELECT CAST(count(*) FILTER (WHERE " + s.where + ") AS DOUBLE PRECISION) / greatest(count(*), 1) "
                + "FROM assets a", s.params, rs -> rs.getDouble(1));
        return out.isEmpty() ? 1 : out.get(0);
    }

    /** Those of {@code hashes} that pass {@code f}, in no particular order. */
    public List<Found> among(AssetFilter f, Collection<String> hashes) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        return catalog.select(FOUND + s.where + " AND a.content_hash " + SearchSql.inHashes(catalog.dialect()),
                s.paramsThen(SearchSql.hashList(hashes)), SearchReads::found);
    }

    /** The newest {@code limit} assets that pass {@code f}. */
    public List<Found> newest(AssetFilter f, int limit) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        return catalog.select(FOUND + s.where + " ORDER BY a.created_at DESC NULLS LAST LIMIT ?", s.paramsThen(limit),
                SearchReads::found);
    }

    /** One page of the assets that pass {@code f}, newest (or {@code oldestFirst}) first, ties by path. */
    public List<Found> page(AssetFilter f, boolean oldestFirst, int limit, int offset) {
        Statement s = pageStatement(f, oldestFirst, limit, offset);
        return catalog.select(s.sql(), s.params(), SearchReads::found);
    }

    /** A statement and the values it binds, in order. */
    record Statement(String sql, List<Object> params) {
    }

    /**
     * What {@link #page} runs. The order is the one PostgreSQL's indexes of migration 10 keep (newest first with
     * {@code NULLS LAST}, then path), so a page is read along an index instead of sorting every match; the plan
     * tests EXPLAIN this statement.
     */
    Statement pageStatement(AssetFilter f, boolean oldestFirst, int limit, int offset) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        String order = oldestFirst ? "a.created_at ASC NULLS LAST, a.path" : "a.created_at DESC NULLS LAST, a.path";
        return new Statement(FOUND + s.where + " ORDER BY " + order + " LIMIT ? OFFSET ?", s.paramsThen(limit, offset));
    }

    /**
     * The next {@code limit} assets that pass {@code f} after {@code after} (null: from the first), newest (or
     * {@code oldestFirst}) first: keyset paging, so listing every match costs one indexed range read per chunk
     * however far in it is, where {@code OFFSET} would sort and skip everything before the chunk again each time.
     * Ties on the creation time fall to path, then content hash, so the order is total and no row is repeated or
     * skipped between chunks.
     */
    public List<Found> after(AssetFilter f, boolean oldestFirst, int limit, Found after) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        String order = (oldestFirst ? "a.created_at ASC" : "a.created_at DESC") + " NULLS LAST, a.path, a.content_hash";
        List<Object> params = new ArrayList<>(s.params);
        String where = s.where;
        if (after != null) {
            String tie = "(a.path > ? OR (a.path = ? AND a.content_hash > ?))";
            if (after.createdAt() == null) { // undated rows come last in both orders
                where += " AND a.created_at IS NULL AND " + tie;
            } else {
                where += " AND (a.created_at " + (oldestFirst ? ">" : "<") + " ? OR a.created_at IS NULL OR "
                        + "(a.created_at = ? AND " + tie + "))";
                params.add(Timestamp.valueOf(after.createdAt()));
                params.add(Timestamp.valueOf(after.createdAt()));
            }
            params.add(after.path());
            params.add(after.path());
            params.add(after.contentHash());
        }
        params.add(limit);
        return catalog.select(FOUND + where + " ORDER BY " + order + " LIMIT ?", params, SearchReads::found);
    }

    /** The displayed rows of {@code hashes} with their tags, by content hash (an asset not catalogued is left out). */
    public Map<String, SearchRow> rows(Collection<String> hashes) {
        String list = SearchSql.hashList(hashes);
        Map<String, TreeSet<String>> tags = new HashMap<>();
        catalog.select("SELECT content_hash, tag FROM tags WHERE content_hash " + SearchSql.IN_HASHES,
                List.of(list), rs -> tags.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)));
        Map<String, SearchRow> out = new HashMap<>(hashes.size() * 2);
        catalog.select(ROW, List.of(list), rs -> out.put(rs.getString(1),
                row(rs, List.copyOf(tags.getOrDefault(rs.getString(1), new TreeSet<>())))));
        return out;
    }

    /** The content hashes of every asset that passes {@code f}, in no particular order. */
    public List<String> hashes(AssetFilter f) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        return catalog.select("SELECT a.content_hash FROM assets a WHERE " + s.where, s.params, rs -> rs.getString(1));
    }

    /** Facet counts (source, project, model, month, the top 50 tags) over the assets that pass {@code f}. */
    public Map<String, Map<String, Long>> facets(AssetFilter f) {
        FilterSql s = FilterSql.of(f, catalog.dialect());
        return facets(s.where, s.params, f.isEmpty());
    }

    /** Facet counts over the given assets. */
    public Map<String, Map<String, Long>> facetsOf(Collection<String> hashes) {
        return facets("a.content_hash " + SearchSql.IN_HASHES, List.of(SearchSql.hashList(hashes)), false);
    }

    /**
     * One statement: the filter is evaluated once into a materialized set of matches (at 1,000,000 assets on
     * PostgreSQL, five statements each finding a 5 % tag's 50,000 matches again took 5.7 s), which every facet then
     * groups; each facet's counts come back largest first.
     *
     * <p>The tag facet counts distinct (content hash, tag) pairs, in that order: the order of the
     * {@code (content_hash, tag)} index, so PostgreSQL drops repeated pairs as they stream by instead of hashing them
     * all (at 1,000,000 assets, 6,300,000 pairs spilled 590 MB to disk: every asset's facets 15.9 → 8.2 s, a 22 %
     * source's 3.5 → 2.3 s). Over {@code everyAsset} (no filter) the tags join the assets table itself, not the
     * materialized matches: both sides are then read along their content-hash indexes and merged (8.2 → 4.7 s).
     * Either way tags whose content has no asset (user and understanding tags are kept for a content that may come
     * back) count for nothing.
     */
    private Map<String, Map<String, Long>> facets(String where, List<Object> params, boolean everyAsset) {
        StringBuilder sql = new StringBuilder("WITH m AS MATERIALIZED (SELECT a.content_hash");
        List<Facet> single = java.util.Arrays.stream(Facet.values()).filter(f -> f.field() != FilterRule.Field.TAG)
                .toList();
        // names and labels are the enum's own constants, never user text
        single.forEach(f -> sql.append(", coalesce(").append(column(f)).append(", '").append(f.missing())
                .append("') AS ").append(f.key()));
        sql.append(" FROM assets a WHERE ").append(where).append(")\n");
        String union = "";
        for (Facet f : single) {
            sql.append(union).append("(SELECT '").append(f.key()).append("' AS d, ").append(f.key())
                    .append(" AS k, count(*) AS n FROM m GROUP BY ").append(f.key())
                    .append(f.limit() == Integer.MAX_VALUE ? "" : " ORDER BY n DESC, k LIMIT " + f.limit())
                    .append(")\n");
            union = "UNION ALL ";
        }
        // distinct (asset, tag) pairs, then counted per tag (count(DISTINCT) sorted every pair); ties by code point
        String matches = everyAsset ? "assets a ON a.content_hash" : "m ON m.content_hash";
        sql.append("UNION ALL (SELECT '").append(Facet.TAG.key()).append("' AS d, x.tag AS k, count(*) AS n FROM "
                + "(SELECT DISTINCT t.content_hash, t.tag FROM tags t JOIN ").append(matches)
                .append(" = t.content_hash) x GROUP BY x.tag ORDER BY n DESC, ")
                .append(SearchText.binary("x.tag", catalog.dialect())).append(" LIMIT ").append(Facet.TAG.limit())
                .append(')');
        Map<String, Map<String, Long>> rows = new java.util.HashMap<>();
        for (Facet f : Facet.values()) {
            rows.put(f.key(), new java.util.HashMap<>());
        }
        Runnable read = () -> catalog.select(sql.toString(), params, rs -> rows.get(rs.getString(1))
                .put(rs.getString(2), rs.getLong(3)));
        if (catalog.dialect() == Dialect.POSTGRES) {
            catalog.inTransaction(() -> {
                try (java.sql.Statement s = catalog.connection().createStatement()) {
                    // for this statement only: the matches' tags are looked up in the (content hash, tag) index,
                    // which the default page cost (made for spinning disks) priced above hashing every tag row, and
                    // their distinct pairs fit in memory (the default 4 MB spilled 31 MB to disk at 50,000 matches)
                    s.execute("SET LOCAL random_page_cost = 1.1");
                    s.execute("SET LOCAL work_mem = '32MB'");
                }
                read.run();
            });
        } else {
            read.run();
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Facet f : Facet.values()) {
            out.put(f.key(), f.ordered(rows.get(f.key())));
        }
        return out;
    }

    private static Found found(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp(2);
        return new Found(rs.getString(1), t == null ? null : t.toLocalDateTime(), rs.getString(3));
    }

    /** A displayed row from columns content_hash, path, source, project, model, created_at, prompt (1–7). */
    static SearchRow row(ResultSet rs, List<String> tags) throws SQLException {
        Timestamp t = rs.getTimestamp(6);
        return new SearchRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                t == null ? null : t.toLocalDateTime(), rs.getString(7), tags);
    }
}
