package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Values;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Small lenient readers for JSON objects found in files: a missing key, a null or a value of the wrong type all
 * read as null, never as an exception. Stateless.
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
            String t = Values.text(obj.get(name));
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
            JsonNode n = obj.get(name);
            if (n != null && !n.isNull()) {
                return n;
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
                if (obj.has(name)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Adds every field of {@code obj} not in {@code used} to {@code extra}, as plain values. */
    static void extras(Generation.Builder b, JsonNode obj, Set<String> used) {
        if (obj == null || !obj.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!used.contains(e.getKey())) {
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
