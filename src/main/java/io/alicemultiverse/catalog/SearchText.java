package io.alicemultiverse.catalog;

/**
 * The text search reads for an asset {@code a}, as SQL expressions in standard SQL (PostgreSQL runs them as they
 * are): its prompt, its tags (every origin, distinct, in order) and the descriptions vision models gave it. The
 * in-memory twins are in {@code search.AssetText}: the values of the text fields of {@link FilterRule} (the rules
 * themselves are written once), which SQL and Java compute each their own way, in the same order whatever the
 * database's locale ({@link #binary}); {@code FilterRulesAgreeTest} and
 * {@code WarmEngineTest} hold the two to the same answers. Stateless.
 */
final class SearchText {
    /** Every tag of {@code a}, distinct and sorted, space-separated; null when it has none. */
    private static String tags(Dialect d) {
        return joinedTags("' '", "", d);
    }

    /**
     * The distinct tags of {@code a} that pass {@code where} (an extra condition on {@code t}, or ""), sorted by
     * {@link #binary} and joined by {@code separator}; null when none. (PostgreSQL does not take a collation in the
     * ORDER BY of a DISTINCT aggregate, so there the distinct values come from a sub-select.)
     */
    private static String joinedTags(String separator, String where, Dialect d) {
        if (d != Dialect.POSTGRES) {
            return "(SELECT string_agg(DISTINCT t.tag, " + separator + " ORDER BY t.tag) FROM tags t "
                    + "WHERE t.content_hash = a.content_hash" + where + ")";
        }
        // the joined text back in the database's own collation: lower() follows its argument's, and under "C" it
        // would leave every letter past ASCII as it is
        return "(SELECT string_agg(x.tag, " + separator + " ORDER BY x.tag) COLLATE \"default\" FROM (SELECT DISTINCT "
                + binary("t.tag", d) + " AS tag FROM tags t WHERE t.content_hash = a.content_hash" + where + ") x)";
    }

    /** Every description of {@code a} from understanding, oldest first, space-separated; null when none. */
    static String descriptions(Dialect d) {
        return "(SELECT " + describedAgg(d) + " FROM understanding u WHERE u.content_hash = a.content_hash "
                + "AND u.description <> '')";
    }

    /** The descriptions of rows {@code u}, oldest first, space-separated. */
    private static String describedAgg(Dialect d) {
        return "string_agg(u.description, ' ' ORDER BY u.created_at, " + binary("u.provider", d) + ", "
                + binary("u.model", d) + ")";
    }

    /**
     * Prompt, tags and descriptions of {@code a} in lower case, accents folded ({@link Accents}): what phrases and
     * exclusions look into.
     */
    static String lower(Dialect d) {
        return Accents.sql("lower(coalesce(a.prompt, '') || ' ' || coalesce(" + tags(d) + ", '') || ' ' || "
                + "coalesce(" + descriptions(d) + ", ''))");
    }

    /** Every tag of {@code a} that did not come from its prompt, distinct and sorted, comma-separated; or null. */
    static String nonPromptTags(Dialect d) {
        return joinedTags("', '", " AND t.origin <> 'prompt'", d);
    }

    /** What {@link #listedTagsJoin} joins tags with: a control character. */
    static final String TAG_SEPARATOR = "\u001e";
    /** What a tag holding {@link #TAG_SEPARATOR} starts with in {@link #listedTagsJoin}, the separator made a space. */
    static final String SPLIT_MARK = "\u001f";

    /**
     * Every tag of an asset's rows in {@code t} (duplicates kept, in no set order), joined by {@link #TAG_SEPARATOR};
     * or null. A tag holding the separator itself (no tag name should) comes marked with {@link #SPLIT_MARK}, its
     * words kept.
     */
    private static final String LISTED_TAGS = "string_agg(CASE WHEN strpos(t.tag, chr(30)) > 0 "
            + "THEN chr(31) || replace(t.tag, chr(30), ' ') ELSE t.tag END, chr(30))";

    /**
     * Each asset's tags as {@link #LISTED_TAGS} lists them, as {@code lt.listed}: a join to add to
     * {@code FROM assets a} that aggregates the tags in one pass, grouped by asset; {@code only} narrows it to some
     * assets (e.g. {@code "IN (…)"}, its parameter bound once more), or is "" for all. What a read of every asset
     * takes instead of a correlated sub-select, which probes the tags' index once per asset: over 1,000,000 assets and
     * 6,300,000 tag rows on PostgreSQL the lexical index's read took 5.4 s instead of 18.1 s ({@code EXPLAIN ANALYZE};
     * docs/benchmarks.md).
     */
    static String listedTagsJoin(String only) {
        return " LEFT JOIN (SELECT t.content_hash, " + LISTED_TAGS + " AS listed FROM tags t"
                + (only.isEmpty() ? "" : " WHERE t.content_hash " + only)
                + " GROUP BY t.content_hash) lt ON lt.content_hash = a.content_hash";
    }

    /**
     * Each asset's {@link #descriptions} as {@code ld.descriptions}, aggregated in one pass as
     * {@link #listedTagsJoin} does the tags; {@code only} as there.
     */
    static String descriptionsJoin(Dialect d, String only) {
        return " LEFT JOIN (SELECT u.content_hash, " + describedAgg(d) + " AS descriptions FROM understanding u "
                + "WHERE u.description <> ''" + (only.isEmpty() ? "" : " AND u.content_hash " + only)
                + " GROUP BY u.content_hash) ld ON ld.content_hash = a.content_hash";
    }

    /**
     * {@code column} compared by its characters' code points, as Java's sort of the same values in the warm path
     * ({@code AssetText}) and DuckDB's default compare them. A PostgreSQL database compares text by its own
     * locale, which for en_US and ICU collations sorts "apple" before "Zebra" where code points put it after: the
     * joined text, and so a phrase or an exclusion across two tags, would differ between a warm and a cold search.
     */
    static String binary(String column, Dialect d) {
        return d == Dialect.POSTGRES ? column + " COLLATE \"C\"" : column;
    }

    private SearchText() {
    }

    /**
     * Whether {@code text} contains the next bound parameter: {@code strpos} is in DuckDB and PostgreSQL alike, where
     * {@code contains} is DuckDB's only. Over 2,000,000 lower-cased prompts the two took the same time within the
     * noise of a shared machine (medians 194 and 218 ms, ranges overlapping), most of it {@code lower}.
     */
    static String contains(String text) {
        return "strpos(" + text + ", ?) > 0";
    }
}
