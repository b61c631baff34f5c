package io.alicemultiverse.understand;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model's text reply into one outcome per image, tolerantly: code fences, prose around the JSON, comments,
 * trailing commas, single quotes, a bare array or a single object for a single image, tags as a list or a
 * comma-separated string, {@code color} for {@code colour}. An image whose entry is missing or empty is a failed
 * outcome with a reason — never an empty result and never an exception. Stateless and thread-safe.
 */
final class ReplyParser {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();
    private static final int MAX_TAG = 60;

    private ReplyParser() {
    }

    /** Outcomes for {@code count} images from {@code text}. */
    public static List<Reply.Outcome> parse(String text, int count) {
        JsonNode root = json(text);
        List<Reply.Outcome> out = new ArrayList<>(count);
        if (root == null) {
            for (int i = 0; i < count; i++) {
                out.add(Reply.Outcome.failed("the reply is not JSON"));
            }
            return out;
        }
        List<JsonNode> items = items(root);
        Map<Integer, JsonNode> byIndex = new LinkedHashMap<>();
        boolean indexed = items.stream().allMatch(n -> n.path("index").canConvertToInt() && n.has("index"));
        for (int i = 0; i < items.size(); i++) {
            int key = indexed ? items.get(i).path("index").asInt() - 1 : i;
            byIndex.putIfAbsent(key, items.get(i));
        }
        for (int i = 0; i < count; i++) {
            JsonNode n = byIndex.get(i);
            out.add(n == null ? Reply.Outcome.failed("the reply has no entry for image " + (i + 1)) : one(n));
        }
        return out;
    }

    private static List<JsonNode> items(JsonNode root) {
        JsonNode list = root.isArray() ? root : root.has("images") ? root.get("images")
                : root.has("results") ? root.get("results") : null;
        List<JsonNode> out = new ArrayList<>();
        if (list == null) {
            out.add(root);
        } else if (list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    private static Reply.Outcome one(JsonNode n) {
        if (!n.isObject()) {
            return Reply.Outcome.failed("an image entry is not an object");
        }
        String description = text(n, "description", "caption");
        Map<String, List<String>> tags = new LinkedHashMap<>();
        JsonNode t = n.get("tags");
        if (t != null && t.isObject()) {
            t.fields().forEachRemaining(e -> add(tags, category(e.getKey()), e.getValue()));
        } else if (t != null) {
            add(tags, "other", t);
        }
        for (String c : Understanding.CATEGORIES) { // categories given at the top level
            if (n.has(c)) {
                add(tags, c, n.get(c));
            }
        }
        if (n.has("color")) {
            add(tags, "colour", n.get("color"));
        }
        if ((description == null || description.isBlank()) && tags.isEmpty()) {
            return Reply.Outcome.failed("the reply has neither a description nor tags");
        }
        return Reply.Outcome.ok(new Understanding(description == null ? "" : description.strip(), tags,
                text(n, "prompt", "recreate_prompt"), text(n, "negative", "negative_prompt"), Map.of()));
    }

    private static String category(String key) {
        String k = key.toLowerCase(Locale.ROOT).strip();
        return switch (k) {
            case "color", "colors", "colours" -> "colour";
            case "subjects" -> "subject";
            case "styles" -> "style";
            case "moods" -> "mood";
            default -> k;
        };
    }

    private static void add(Map<String, List<String>> tags, String category, JsonNode v) {
        Set<String> values = new LinkedHashSet<>(tags.getOrDefault(category, List.of()));
        if (v.isArray()) {
            v.forEach(x -> addTag(values, x.isValueNode() ? x.asText() : null));
        } else if (v.isTextual()) {
            for (String s : v.asText().split("[,;]")) {
                addTag(values, s);
            }
        }
        if (!values.isEmpty()) {
            tags.put(category, new ArrayList<>(values));
        }
    }

    private static void addTag(Set<String> values, String s) {
        if (s == null) {
            return;
        }
        String t = s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!t.isEmpty() && t.length() <= MAX_TAG) {
            values.add(t);
        }
    }

    private static String text(JsonNode n, String... keys) {
        for (String k : keys) {
            JsonNode v = n.get(k);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    /** The JSON value in {@code text}: the whole text, else the part inside a code fence, else from the first brace. */
    static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        int fence = s.indexOf("```");
        if (fence >= 0) {
            int start = s.indexOf('\n', fence);
            int end = s.indexOf("```", fence + 3);
            if (start > 0 && end > start) {
                s = s.substring(start + 1, end);
            }
        }
        JsonNode n = read(s);
        if (n != null) {
            return n;
        }
        int open = firstOf(s, '{', '[');
        int close = Math.max(s.lastIndexOf('}'), s.lastIndexOf(']'));
        return open >= 0 && close > open ? read(s.substring(open, close + 1)) : null;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static JsonNode read(String s) {
        try (JsonParser p = LENIENT.createParser(s)) {
            JsonNode n = LENIENT.readTree(p);
            if (n == null || !(n.isObject() || n.isArray()) || p.nextToken() != null) {
                return null;
            }
            return n;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
