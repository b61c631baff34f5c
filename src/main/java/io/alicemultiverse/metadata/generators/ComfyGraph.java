package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ComfyUI node graph in the API ("prompt") shape: node id → class type and named inputs, where an input that is a
 * link is a two-element array {@code [nodeId, outputIndex]}. Built from the API graph as written, or from the UI
 * workflow by {@link ComfyWorkflow}. Immutable; nodes are kept in id order (numeric where the ids are numbers).
 */
final class ComfyGraph {

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

    /**
     * Orders ids by their numeric parts ("9" before "10", "12:3" after "12"), then as text: the runs of ASCII digits
     * are compared in turn (leading zeros ignored, shorter first, then digit by digit); the id with a run left over
     * is greater; equal runs fall back to the whole text. A scan without regex or substrings, because a TreeMap of a
     * graph's nodes calls it n·log n times per file.
     */
    static int compareIds(String a, String b) {
        int ia = 0;
        int ib = 0;
        while (true) {
            ia = nextDigit(a, ia);
            ib = nextDigit(b, ib);
            boolean fa = ia < a.length();
            boolean fb = ib < b.length();
            if (!fa || !fb) {
                if (fa != fb) {
                    return fa ? 1 : -1;
                }
                return a.compareTo(b);
            }
            int ea = runEnd(a, ia);
            int eb = runEnd(b, ib);
            int sa = skipZeros(a, ia, ea);
            int sb = skipZeros(b, ib, eb);
            int c = Integer.compare(ea - sa, eb - sb);
            for (int k = 0; c == 0 && k < ea - sa; k++) {
                c = a.charAt(sa + k) - b.charAt(sb + k);
            }
            if (c != 0) {
                return c;
            }
            ia = ea;
            ib = eb;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int nextDigit(String s, int from) {
        int i = from;
        while (i < s.length() && !isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int runEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The start of the run {@code [from, end)} without its leading zeros, keeping one digit. */
    private static int skipZeros(String s, int from, int end) {
        int i = from;
        while (i < end - 1 && s.charAt(i) == '0') {
            i++;
        }
        return i;
    }

}
