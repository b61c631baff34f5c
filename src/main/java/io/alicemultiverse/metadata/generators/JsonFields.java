package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Values;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Small lenient readers for JSON objects found in files: a missing key, a null or a value of the wrong type all
 * read as null, never as an exception. Key names are matched exactly first, then tolerating case, spaces, hyphens
 * and underscores ({@code negative_prompt} finds {@code negativePrompt}, {@code "Negative prompt"}): generators
 * spell the same field every way. Stateless.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The text of the first of {@code names} holding a non-blank scalar, or null. */
    static String text(JsonNode obj, String... names) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        for (String name : names) {
            String t = Values.text(get(obj, name));
            if (t != null && !t.isBlank()) {
                return t;
            }
        }
        return null;
    }

    /** The first of {@code names} that is present and not null, or null. */
    static JsonNode node(JsonNode obj, String... names) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode n = get(obj, name);
            if (n != null && !n.isNull()) {
                return n;
            }
        }
        return null;
    }

    /** The member named {@code name}, exactly or tolerating case and separators; null when absent. */
    static JsonNode get(JsonNode obj, String name) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        JsonNode exact = obj.get(name);
        if (exact != null) {
            return exact;
        }
        String want = Keys.normal(name);
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Keys.matches(e.getKey(), want)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A positive whole number (a pixel size, a step count), or null for anything else. */
    static Integer positive(Object v) {
        Integer i = Values.toInteger(v);
        return i != null && i > 0 ? i : null;
    }

    /** How many of {@code names} {@code obj} holds. */
    static int count(JsonNode obj, String... names) {
        int n = 0;
        if (obj != null && obj.isObject()) {
            for (String name : names) {
                if (get(obj, name) != null) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Adds every field of {@code obj} not in {@code used} to {@code extra}, as plain values; {@code used} names are
     * matched tolerating case and separators, like the readers above.
     */
    static void extras(Generation.Builder b, JsonNode obj, Set<String> used) {
        if (obj == null || !obj.isObject()) {
            return;
        }
        Set<String> normalUsed = new java.util.HashSet<>();
        used.forEach(u -> normalUsed.add(Keys.normal(u)));
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!used.contains(e.getKey()) && !normalUsed.contains(Keys.normal(e.getKey()))) {
                b.extra(e.getKey(), plain(e.getValue()));
            }
        }
    }

    /** A JSON value as plain Java: strings, numbers, booleans, lists and maps; null for JSON null. */
    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return Json.toPlain(n);
    }
}
