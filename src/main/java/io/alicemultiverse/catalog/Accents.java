package io.alicemultiverse.catalog;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Folds the accented and joined Latin letters of a text to their plain ones ("café" → "cafe", "Straße" → "strasse",
 * "Ölgemälde" → "olgemalde", "Æon" → "aeon") exactly as the lexical index folds its words (Lucene's
 * {@link ASCIIFoldingFilter}, from which the table is made), so that a quoted phrase or an excluded word matches
 * whichever way a prompt spells it, as an unquoted word does. One table serves both sides of search: the warm path and
 * the lexical index's phrase text fold in Java ({@link #fold}), the catalog's SQL with {@code translate} and
 * {@code replace} ({@link #sql}), which DuckDB and PostgreSQL both have (PostgreSQL's {@code unaccent} is an extension
 * a server may lack). The table: every letter of Latin-1 Supplement, Latin Extended-A and -B, Latin Extended
 * Additional and the Latin ligatures that the filter folds to other letters, folded to lower case. {@code translate}
 * maps one character to one, so the SQL first maps each letter that stands for two or more (ß, æ, œ, þ, ǆ, ﬁ…) to one
 * letter of its kind and then replaces that one; the dot that lower case leaves after the "i" of "İ" is dropped.
 * Stateless.
 */
public final class Accents {
    private static final int[][] RANGES = {{0xC0, 0x250}, {0x1E00, 0x1F00}, {0xFB00, 0xFB07}};
    private static final String FROM;
    private static final String TO;
    /** Each letter that folds to more than one, by its representative ({@link #FROM} maps its kind to it). */
    private static final Map<Character, String> LONG;
    private static final String[] MAP = new String[0xFB07];
    /**
     * What Java's (and a database's) lower case of "İ" leaves after its "i" ("İstanbul" is "i̇stanbul"), which the
     * lexical index, lowering one character at a time, does not: dropped after an "i".
     */
    private static final char DOT_ABOVE = '\u0307';

    static {
        StringBuilder from = new StringBuilder();
        StringBuilder to = new StringBuilder();
        Map<String, Character> representative = new LinkedHashMap<>();
        for (int[] range : RANGES) {
            for (char c = (char) range[0]; c < range[1]; c++) {
                String folded = folded(c);
                if (folded == null) {
                    continue;
                }
                MAP[c] = folded;
                from.append(c);
                representative.putIfAbsent(folded, c);
                to.append(folded.length() == 1 ? folded.charAt(0) : representative.get(folded));
            }
        }
        Map<Character, String> multi = new LinkedHashMap<>();
        representative.forEach((f, c) -> multi.put(c, f));
        FROM = from.toString();
        TO = to.toString();
        LONG = multi;
    }

    private Accents() {
    }

    /** What {@code c} folds to in lower case, as the lexical index folds it; null when it is not a letter it folds. */
    private static String folded(char c) {
        if (!Character.isLetter(c)) {
            return null;
        }
        char[] out = new char[8];
        int n = ASCIIFoldingFilter.foldToASCII(new char[]{c}, 0, out, 0, 1);
        String f = new String(out, 0, n).toLowerCase(Locale.ROOT);
        boolean plain = !f.isEmpty() && f.chars().allMatch(ch -> ch < 0x80 && Character.isLetter(ch));
        return plain && !f.equals(String.valueOf(c)) ? f : null;
    }

    /** {@code text} with its accented and joined Latin letters folded (see the class comment); others as they are. */
    public static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String f = c == DOT_ABOVE ? (i > 0 && text.charAt(i - 1) == 'i' ? "" : null)
                    : c >= 0xC0 && c < MAP.length ? MAP[c] : null;
            if (f != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (f != null) {
                    out.append(f);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The SQL twin of {@link #fold}: {@code expression} with the same letters folded. */
    static String sql(String expression) {
        String s = "translate(replace(" + expression + ", 'i" + DOT_ABOVE + "', 'i'), '" + FROM + "', '" + TO + "')";
        for (Map.Entry<Character, String> e : LONG.entrySet()) {
            s = "replace(" + s + ", '" + e.getKey() + "', '" + e.getValue() + "')";
        }
        return s;
    }
}
