package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Accents;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text search reads for an asset: its prompt, its tags (every origin, distinct, in order) and the descriptions
 * vision models gave it, as the in-memory side ({@link RowCache}), the lexical index and the embeddings build it. The
 * catalog's SQL twins of {@link #lower} and {@link #words} (for phrase and exclusion filters on the cold path) are in
 * {@code catalog.SearchText} and {@code catalog.SearchSql}: the values of the text fields of
 * {@link io.alicemultiverse.catalog.FilterRule}, computed each side's own way; {@code FilterRulesAgreeTest} and
 * {@code WarmEngineTest} hold the two sides to the same answers. Stateless.
 */
final class AssetText {
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private AssetText() {
    }

    /**
     * Prompt, tags and descriptions in lower case, accents folded ({@link Accents}: "café" is "cafe"): what phrases and
     * exclusions look into; {@code tags} distinct and sorted.
     */
    static String lower(String prompt, Collection<String> tags, String descriptions) {
        return Accents.fold(((prompt == null ? "" : prompt) + " " + String.join(" ", tags) + " "
                + (descriptions == null ? "" : descriptions)).toLowerCase(Locale.ROOT));
    }

    /** {@code text} as its words separated by single spaces, with a space at each end: for whole-word tests. */
    static String words(String text) {
        return " " + NOT_WORD.matcher(text).replaceAll(" ").trim() + " ";
    }

    /** The text of an asset's lexical document: prompt, descriptions and tags, separated by {@code " . "}. */
    static String lexical(String prompt, String descriptions, String tags) {
        return (prompt == null ? "" : prompt) + " . " + (descriptions == null ? "" : descriptions) + " . "
                + (tags == null ? "" : tags);
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
