package io.alicemultiverse.catalog;

import java.text.Normalizer;

/**
 * Folds the accented Latin letters of a text to their plain ones ("café" → "cafe", "Ölgemälde" → "olgemalde"), one
 * character for one, so that a quoted phrase or an excluded word matches whichever way a prompt spells it. One table
 * serves both sides of search: the warm path and the lexical index's phrase text fold in Java ({@link #fold}), the
 * catalog's SQL with {@code translate} ({@link #sql}), which DuckDB and PostgreSQL both have (PostgreSQL's
 * {@code unaccent} is an extension a server may lack). The table: every letter of Latin-1 Supplement and Latin
 * Extended-A and -B whose canonical decomposition is an ASCII letter and combining marks, plus the few with a stroke
 * that do not decompose (ø, đ, ł, ħ, ŧ, ƀ, ƶ, ı); upper-case letters fold to the lower-case plain letter. Letters
 * that stand for two (ß, æ, œ) are left as they are: {@code translate} maps one character to one. Stateless.
 */
public final class Accents {
    private static final String FROM;
    private static final String TO;
    private static final char[] MAP = new char[0x250];

    static {
        StringBuilder from = new StringBuilder();
        StringBuilder to = new StringBuilder();
        String strokes = "øØđĐłŁħĦŧŦƀƶƵı";
        String plain = "ooddllhhttbzzi";
        for (char c = 0xC0; c < 0x250; c++) {
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = d.charAt(0);
            boolean marks = d.length() > 1 && d.substring(1).chars()
                    .allMatch(m -> Character.getType(m) == Character.NON_SPACING_MARK);
            int stroke = strokes.indexOf(c);
            char folded = stroke >= 0 ? plain.charAt(stroke)
                    : marks && base < 0x80 && Character.isLetter(base) ? Character.toLowerCase(base) : 0;
            if (folded != 0) {
                from.append(c);
                to.append(folded);
                MAP[c] = folded;
            }
        }
        FROM = from.toString();
        TO = to.toString();
    }

    private Accents() {
    }

    /** {@code text} with its accented Latin letters folded (see the class comment); other characters as they are. */
    public static String fold(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0xC0 && c < MAP.length && MAP[c] != 0) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = MAP[c];
            }
        }
        return out == null ? text : new String(out);
    }

    /** The SQL twin of {@link #fold}: {@code expression} with the same letters folded. */
    static String sql(String expression) {
        return "translate(" + expression + ", '" + FROM + "', '" + TO + "')";
    }
}
