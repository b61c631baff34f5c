package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads input values of a {@link ComfyGraph}, following links to the primitive, seed and string nodes that often
 * supply them. Bounded and cycle-safe; never throws. Stateless apart from the graph it reads.
 */
final class ComfyValues {
    private static final int MAX_DEPTH = 16;
    /** Inputs of value-supplying nodes (primitives, seed and string nodes), in the order they are tried. */
    private static final List<String> VALUE_KEYS = List.of("value", "seed", "noise_seed", "int", "float", "number",
            "string", "text", "prompt", "sampler_name", "scheduler");
    private static final List<String> STRING_KEYS = List.of("text", "string", "value", "prompt", "positive",
            "text_positive", "result");

    private final ComfyGraph graph;

    ComfyValues(ComfyGraph graph) {
        this.graph = graph;
    }

    /** The plain value of {@code node}'s input {@code key}, following links; null when absent or not a value. */
    JsonNode scalar(ComfyGraph.Node node, String key) {
        if (node == null || node.bypassed()) {
            return null;
        }
        return scalar(node.input(key), key, 0, new HashSet<>());
    }

    private JsonNode scalar(JsonNode value, String key, int depth, Set<String> seen) {
        if (value == null || value.isNull() || depth > MAX_DEPTH) {
            return null;
        }
        ComfyGraph.Node from = graph.source(value);
        if (from == null) {
            return value.isValueNode() ? value : null;
        }
        if (!seen.add(from.id())) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(VALUE_KEYS);
        for (String k : keys) {
            JsonNode r = scalar(from.input(k), k, depth + 1, seen);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    Integer integer(ComfyGraph.Node node, String key) {
        return Values.toInteger(scalar(node, key));
    }

    Double number(ComfyGraph.Node node, String key) {
        JsonNode v = scalar(node, key);
        Double d = Values.toDouble(v);
        return d == null || d.isNaN() || d.isInfinite() ? null : d;
    }

    String text(ComfyGraph.Node node, String key) {
        JsonNode v = scalar(node, key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The string an input holds or, when linked, the string its source node makes (joining concatenations). */
    String string(JsonNode value) {
        return string(value, 0, new HashSet<>());
    }

    private String string(JsonNode value, int depth, Set<String> seen) {
        if (value == null || depth > MAX_DEPTH) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject() && value.path("content").isTextual()) {
            return value.get("content").asText();
        }
        ComfyGraph.Node from = graph.source(value);
        if (from == null || !seen.add(from.id())) {
            return null;
        }
        for (String k : STRING_KEYS) {
            String s = string(from.input(k), depth + 1, seen);
            if (s != null) {
                return s;
            }
        }
        // A concatenation node: string_a/string_b, text_a/text_b, text1/text2…
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : from.inputs().entrySet()) {
            if (e.getKey().startsWith("text") || e.getKey().startsWith("string")) {
                String s = string(e.getValue(), depth + 1, seen);
                if (s != null && !s.isBlank()) {
                    parts.add(s);
                }
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        JsonNode delimiter = from.input("delimiter");
        return String.join(delimiter != null && delimiter.isTextual() ? delimiter.asText() : " ", parts);
    }
}
