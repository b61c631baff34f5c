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
        return "(SELECT string_agg(u.description, ' ' ORDER BY u.created_at, " + binary("u.provider", d) + ", "
                + binary("u.model", d) + ") FROM understanding u WHERE u.content_hash = a.content_hash "
                + "AND u.description <> '')";
    }

    /** Prompt, tags and descriptions of {@code a} in lower case: what phrases and exclusions look into. */
    static String lower(Dialect d) {
        return "lower(coalesce(a.prompt, '') || ' ' || coalesce(" + tags(d) + ", '') || ' ' || "
                + "coalesce(" + descriptions(d) + ", ''))";
    }

    /** Every tag of {@code a} that did not come from its prompt, distinct and sorted, comma-separated; or null. */
    static String nonPromptTags(Dialect d) {
        return joinedTags("', '", " AND t.origin <> 'prompt'", d);
    }

    /** What {@link #TAGS_LISTED} joins tags with: a control character. */
    static final String TAG_SEPARATOR = "\u001e";
    /** What a tag holding {@link #TAG_SEPARATOR} starts with in {@link #TAGS_LISTED}, the separator made a space. */
    static final String SPLIT_MARK = "\u001f";

    /**
     * Every tag of {@code a} (duplicates kept, in no set order), joined by {@link #TAG_SEPARATOR}; or null. A tag
     * holding the separator itself (no tag name should) comes marked with {@link #SPLIT_MARK}, its words kept.
     */
    static final String TAGS_LISTED = "(SELECT string_agg(CASE WHEN strpos(t.tag, chr(30)) > 0 "
            + "THEN chr(31) || replace(t.tag, chr(30), ' ') ELSE t.tag END, chr(30)) FROM tags t "
            + "WHERE t.content_hash = a.content_hash)";

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
