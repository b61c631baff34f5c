package io.alicemultiverse.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;

import java.util.Map;

/**
 * Typed access to a tool call's arguments, with messages that tell the client what to send, and the session the
 * call came from (to ask the user for consent through).
 */
final class Args {
    private final Map<String, Object> values;
    private final McpSyncServerExchange exchange;

    Args(Map<String, Object> values, McpSyncServerExchange exchange) {
        this.values = values == null ? Map.of() : values;
        this.exchange = exchange;
    }

    /** The session of this call; null outside a session. */
    McpSyncServerExchange exchange() {
        return exchange;
    }

    String string(String name) {
        Object v = values.get(name);
        if (v == null || v.toString().isBlank()) {
            throw new ToolError("missing argument '" + name + "'");
        }
        return v.toString();
    }

    String optionalString(String name) {
        Object v = values.get(name);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    /** A list of strings (a JSON array, or one string). */
    java.util.List<String> strings(String name) {
        Object v = values.get(name);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (v instanceof java.util.Collection<?> c) {
            c.forEach(x -> {
                if (x != null && !x.toString().isBlank()) {
                    out.add(x.toString());
                }
            });
        } else if (v != null && !v.toString().isBlank()) {
            out.add(v.toString());
        }
        if (out.isEmpty()) {
            throw new ToolError("missing argument '" + name + "' (a list of strings)");
        }
        return out;
    }

    boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(v.toString());
    }

    int integer(String name, int fallback, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().strip());
            if (n < min || n > max) {
                throw new ToolError("argument '" + name + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ToolError("argument '" + name + "' must be a whole number");
        }
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    /** A number, or null when absent. */
    Double number(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof Number num ? num.doubleValue() : Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new ToolError("argument '" + name + "' must be a number");
        }
    }

    /** The raw value of an argument (a JSON object arrives as a map), or null. */
    Object value(String name) {
        return values.get(name);
    }
}
