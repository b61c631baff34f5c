package io.alicemultiverse.search;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text search reads for an asset: its prompt, its tags (every origin, distinct, in order) and the descriptions
 * vision models gave it. One definition for the SQL side (the lexical index, the embeddings, phrase and exclusion
 * filters in the catalog) and the in-memory side ({@link RowCache}), so a warm engine and a cold one agree.
 * Stateless.
 */
final class AssetText {
    /** Every tag of {@code a}, distinct and sorted, space-separated; null when it has none. */
    static final String TAGS_SQL = "(SELECT string_agg(DISTINCT t.tag, ' ' ORDER BY t.tag) FROM tags t "
            + "WHERE t.content_hash = a.content_hash)";
    /** Every description of {@code a} from understanding, oldest first, space-separated; null when none. */
    static final String DESCRIPTIONS_SQL = "(SELECT string_agg(u.description, ' ' ORDER BY u.created_at, u.provider, "
            + "u.model) FROM understanding u WHERE u.content_hash = a.content_hash AND u.description <> '')";
    /** Prompt, tags and descriptions of {@code a} in lower case: what phrases and exclusions look into. */
    static final String LOWER_SQL = "lower(coalesce(a.prompt, '') || ' ' || coalesce(" + TAGS_SQL + ", '') || ' ' || "
            + "coalesce(" + DESCRIPTIONS_SQL + ", ''))";

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The SQL twin of {@link #words}: letters and digits of any script (RE2's Unicode classes). */
    static final String WORDS_SQL = "(' ' || trim(regexp_replace(" + LOWER_SQL + ", '[^\\pL\\pN]+', ' ', 'g')) || ' ')";

    private AssetText() {
    }

    /** The in-memory twin of {@link #LOWER_SQL}; {@code tags} distinct and sorted. */
    static String lower(String prompt, Collection<String> tags, String descriptions) {
        return ((prompt == null ? "" : prompt) + " " + String.join(" ", tags) + " "
                + (descriptions == null ? "" : descriptions)).toLowerCase(Locale.ROOT);
    }

    /** {@code text} as its words separated by single spaces, with a space at each end: for whole-word tests. */
    static String words(String text) {
        return " " + NOT_WORD.matcher(text).replaceAll(" ").trim() + " ";
    }

    /** The text an asset is embedded as: prompt, then description, then its non-prompt tags. */
    static String embedded(String prompt, String descriptions, String tags) {
        StringBuilder b = new StringBuilder();
        for (String part : new String[]{prompt, descriptions, tags}) {
            String p = part == null ? "" : part.trim();
            if (!p.isEmpty()) {
                if (b.length() > 0) {
                    b.append(". ");
                }
                b.append(p);
            }
        }
        return b.toString();
    }
}
