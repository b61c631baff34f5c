package io.alicemultiverse.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a query written in what the embedding model cannot read: its MiniLM learnt English, so a query in
 * Chinese, Japanese, Korean, Cyrillic, Greek, Arabic… or an emoji is embedded as near-noise, and the prompt that holds
 * those very characters ranked below unrelated neighbours in meaning ("桜" put a kitten sticker above "桜の木の下で").
 * Such words are matched by their characters alone (the lexical index), and those matches rank first
 * ({@link SearchEngine}). A word counts when it holds a letter of a script other than Latin, or a symbol (emoji).
 * Stateless.
 */
final class OtherScripts {
    private OtherScripts() {
    }

    /** The words of {@code text} (split on white space) holding such a character, space-separated; "" when none. */
    static String words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.strip().split("\\s+")) {
            if (w.codePoints().anyMatch(OtherScripts::other)) {
                out.add(w);
            }
        }
        return String.join(" ", out);
    }

    private static boolean other(int cp) {
        if (Character.getType(cp) == Character.OTHER_SYMBOL) {
            return true; // emoji and other pictographs
        }
        if (!Character.isLetter(cp)) {
            return false;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s != Character.UnicodeScript.LATIN && s != Character.UnicodeScript.COMMON
                && s != Character.UnicodeScript.INHERITED;
    }
}
