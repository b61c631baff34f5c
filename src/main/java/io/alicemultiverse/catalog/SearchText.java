package io.alicemultiverse.catalog;

/**
 * The text search reads for an asset {@code a}, as SQL expressions in standard SQL (PostgreSQL runs them as they
 * are): its prompt, its tags (every origin, distinct, in order) and the descriptions vision models gave it. The
 * in-memory twins are in {@code search.AssetText}: the values of the text fields of {@link FilterRule} (the rules
 * themselves are written once), which SQL and Java compute each their own way; {@code FilterRulesAgreeTest} and
 * {@code WarmEngineTest} hold the two to the same answers. Stateless.
 */
final class SearchText {
    /** Every tag of {@code a}, distinct and sorted, space-separated; null when it has none. */
    static final String TAGS = "(SELECT string_agg(DISTINCT t.tag, ' ' ORDER BY t.tag) FROM tags t "
            + "WHERE t.content_hash = a.content_hash)";
    /** Every description of {@code a} from understanding, oldest first, space-separated; null when none. */
    static final String DESCRIPTIONS = "(SELECT string_agg(u.description, ' ' ORDER BY u.created_at, u.provider, "
            + "u.model) FROM understanding u WHERE u.content_hash = a.content_hash AND u.description <> '')";
    /** Prompt, tags and descriptions of {@code a} in lower case: what phrases and exclusions look into. */
    static final String LOWER = "lower(coalesce(a.prompt, '') || ' ' || coalesce(" + TAGS + ", '') || ' ' || "
            + "coalesce(" + DESCRIPTIONS + ", ''))";
    /** Every tag of {@code a} that did not come from its prompt, distinct and sorted, comma-separated; or null. */
    static final String NON_PROMPT_TAGS = "(SELECT string_agg(DISTINCT t.tag, ', ' ORDER BY t.tag) FROM tags t "
            + "WHERE t.content_hash = a.content_hash AND t.origin <> 'prompt')";
    /** Every tag of {@code a} (duplicates kept, in no set order), joined by {@code " . "}; or null. */
    static final String TAGS_DOTTED = "(SELECT string_agg(t.tag, ' . ') FROM tags t "
            + "WHERE t.content_hash = a.content_hash)";

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
