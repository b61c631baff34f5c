package io.alicemultiverse.search;


import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises tag names as they are stored. Stateless. (Assets are named by the rule of {@code app.AssetRefs}.) */
public final class TagNames {
    public static final int MAX_TAG = 100;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TagNames() {
    }

    /**
     * A tag as stored: trimmed, single-spaced, lower case; an error when empty, longer than {@value #MAX_TAG} or
     * holding a control character.
     */
    public static String normalise(String tag) {
        String t = tag == null ? "" : SPACES.matcher(tag.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a tag cannot be empty");
        }
        if (t.chars().anyMatch(TagNames::control)) {
            // an escape sequence or a stray NUL in a tag is never meant: it would travel to every terminal, sidecar
            // and export that shows the tag
            throw new IllegalArgumentException("a tag cannot contain control characters: "
                    + t.replaceAll("\\p{Cntrl}", "?"));
        }
        if (t.length() > MAX_TAG) {
            throw new IllegalArgumentException("a tag can have at most " + MAX_TAG + " characters: " + tag);
        }
        return t;
    }

    /** C0 and C1 control characters and DEL (line breaks and tabs are spaces by now). */
    private static boolean control(int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f;
    }
}
