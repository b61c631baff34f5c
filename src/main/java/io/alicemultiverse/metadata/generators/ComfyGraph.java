package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ComfyUI node graph in the API ("prompt") shape: node id → class type and named inputs, where an input that is a
 * link is a two-element array {@code [nodeId, outputIndex]}. Built from the API graph as written, or from the UI
 * workflow by {@link ComfyWorkflow}. Immutable; nodes are kept in id order (numeric where the ids are numbers).
 */
final class ComfyGraph {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** One node; {@code bypassed} nodes pass their inputs through and contribute no values of their own. */
    record Node(String id, String type, String title, Map<String, JsonNode> inputs, boolean bypassed) {
        Node {
            type = type == null ? "" : type;
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        }

        JsonNode input(String name) {
            return inputs.get(name);
        }

        boolean has(String name) {
            return inputs.containsKey(name);
        }
    }

    /** Where a linked input comes from. */
    record Link(String nodeId, int slot) {
    }

    private final Map<String, Node> nodes;

    ComfyGraph(List<Node> nodes) {
        Map<String, Node> sorted = new TreeMap<>(ComfyGraph::compareIds);
        for (Node n : nodes) {
            sorted.putIfAbsent(n.id(), n);
        }
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** The graph of an API prompt object, or null when {@code root} does not look like one. */
    static ComfyGraph fromApi(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        List<Node> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            if (n == null || !n.isObject() || !n.path("class_type").isTextual()) {
                continue;
            }
            Map<String, JsonNode> inputs = new LinkedHashMap<>();
            JsonNode in = n.get("inputs");
            if (in != null && in.isObject()) {
                in.fields().forEachRemaining(f -> inputs.put(f.getKey(), f.getValue()));
            }
            String title = n.path("_meta").path("title").isTextual() ? n.path("_meta").path("title").asText() : null;
            list.add(new Node(e.getKey(), n.get("class_type").asText(), title, inputs, false));
        }
        return list.isEmpty() ? null : new ComfyGraph(list);
    }

    /** All nodes in id order. */
    Iterable<Node> nodes() {
        return nodes.values();
    }

    Node node(String id) {
        return id == null ? null : nodes.get(id);
    }

    /** The link this input value makes, or null when it is a plain value or points at no node of this graph. */
    Link link(JsonNode value) {
        if (value == null || !value.isArray() || value.size() != 2) {
            return null;
        }
        JsonNode from = value.get(0);
        JsonNode slot = value.get(1);
        if (!(from.isTextual() || from.isIntegralNumber()) || !slot.isIntegralNumber()) {
            return null;
        }
        String id = from.asText();
        return nodes.containsKey(id) ? new Link(id, slot.asInt()) : null;
    }

    /** The node a linked input comes from, or null. */
    Node source(JsonNode value) {
        Link l = link(value);
        return l == null ? null : nodes.get(l.nodeId());
    }

    /** Orders ids by their numeric parts ("9" before "10", "12:3" after "12"), then as text. */
    static int compareIds(String a, String b) {
        Matcher ma = DIGITS.matcher(a);
        Matcher mb = DIGITS.matcher(b);
        while (true) {
            boolean fa = ma.find();
            boolean fb = mb.find();
            if (!fa || !fb) {
                if (fa != fb) {
                    return fa ? 1 : -1;
                }
                return a.compareTo(b);
            }
            int c = Comparator.<String>comparingInt(String::length).thenComparing(Comparator.naturalOrder())
                    .compare(strip(ma.group()), strip(mb.group()));
            if (c != 0) {
                return c;
            }
        }
    }

    private static String strip(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
