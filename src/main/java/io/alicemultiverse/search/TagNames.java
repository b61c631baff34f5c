package io.alicemultiverse.search;


import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises tag names as they are stored. Stateless. (Assets are named by the rule of {@code app.AssetRefs}.) */
public final class TagNames {
    public static final int MAX_TAG = 100;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TagNames() {
    }

    /** A tag as stored: trimmed, single-spaced, lower case; an error when empty or longer than {@value #MAX_TAG}. */
    public static String normalise(String tag) {
        String t = tag == null ? "" : SPACES.matcher(tag.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a tag cannot be empty");
        }
        if (t.length() > MAX_TAG) {
            throw new IllegalArgumentException("a tag can have at most " + MAX_TAG + " characters: " + tag);
        }
        return t;
    }
}
