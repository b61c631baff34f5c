package io.alicemultiverse.metadata.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/**
 * Collects action names, software agents and digital source types from a decoded {@code c2pa.actions} (1.x) or
 * {@code c2pa.actions.v2} assertion. Understands both shapes of {@code softwareAgent} (a string in 1.x, a
 * generator-info map with {@code name} in 2.x), {@code softwareAgentIndex} into the assertion's
 * {@code softwareAgents} list, action {@code templates}, and agents or source types nested in an action's
 * {@code parameters}. Stateless and thread-safe; never throws; ignores values of unexpected types.
 */
final class ActionsReader {
    private static final int MAX_PARAMETER_DEPTH = 8;

    private final Set<String> actions;
    private final Set<String> agents;
    private final Set<String> sources;

    /** Adds what it finds, in order, to these sets (insertion-ordered sets keep the first occurrence). */
    ActionsReader(Set<String> actions, Set<String> agents, Set<String> sources) {
        this.actions = actions;
        this.agents = agents;
        this.sources = sources;
    }

    /** Reads one decoded actions assertion; null or a non-map is ignored. */
    void read(JsonNode assertion) {
        if (assertion == null || !assertion.isObject()) {
            return;
        }
        JsonNode listedAgents = assertion.path("softwareAgents");
        for (JsonNode action : assertion.path("actions")) {
            readAction(action, listedAgents, actions);
        }
        for (JsonNode template : assertion.path("templates")) {
            readAction(template, listedAgents, null);
        }
        for (JsonNode agent : listedAgents) {
            addAgent(agent);
        }
    }

    private void readAction(JsonNode action, JsonNode listedAgents, Set<String> names) {
        if (!action.isObject()) {
            return;
        }
        String name = text(action.get("action"));
        if (names != null && name != null) {
            names.add(name);
        }
        addAgent(action.get("softwareAgent"));
        JsonNode index = action.get("softwareAgentIndex");
        if (index != null && index.canConvertToInt() && listedAgents.isArray()) {
            addAgent(listedAgents.get(index.intValue()));
        }
        addSource(action.get("digitalSourceType"));
        readParameters(action.get("parameters"), 0);
    }

    /** Agents and source types anywhere inside {@code parameters}, by key (also vendor-prefixed keys). */
    private void readParameters(JsonNode node, int depth) {
        if (node == null || depth > MAX_PARAMETER_DEPTH) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                readParameters(item, depth + 1);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (is(key, "softwareAgent")) {
                addAgent(field.getValue());
            } else if (is(key, "digitalSourceType")) {
                addSource(field.getValue());
            } else {
                readParameters(field.getValue(), depth + 1);
            }
        }
    }

    private static boolean is(String key, String name) {
        return key.equals(name) || key.endsWith("." + name) || key.endsWith(":" + name);
    }

    private void addAgent(JsonNode agent) {
        String name = agent != null && agent.isObject() ? text(agent.get("name")) : text(agent);
        if (name != null) {
            agents.add(name);
        }
    }

    private void addSource(JsonNode source) {
        String uri = text(source);
        if (uri != null) {
            sources.add(uri);
        }
    }

    /** A non-blank string value, stripped, or null. */
    static String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String s = node.textValue().strip();
        return s.isEmpty() ? null : s;
    }
}
