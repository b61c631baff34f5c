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
        Object v = scalar(name, values.get(name));
        if (v == null || v.toString().isBlank()) {
            throw new ToolError("missing argument '" + name + "'");
        }
        return v.toString();
    }

    String optionalString(String name) {
        Object v = scalar(name, values.get(name));
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    /**
     * {@code v} when it is a single value; an object or a list where one value belongs is refused (its
     * {@code toString}, "{a=b}", would otherwise be taken as a path, a query or a hash).
     */
    private static Object scalar(String name, Object v) {
        if (v instanceof Map<?, ?> || v instanceof java.util.Collection<?>) {
            throw new ToolError("argument '" + name + "' must be a single value, not "
                    + (v instanceof Map<?, ?> ? "an object" : "a list"));
        }
        return v;
    }

    /** A list of strings (a JSON array, or one string). */
    java.util.List<String> strings(String name) {
        Object v = values.get(name);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (v instanceof java.util.Collection<?> c) {
            c.forEach(x -> {
                if (x != null && !scalar(name + "' item '", x).toString().isBlank()) {
                    out.add(x.toString());
                }
            });
        } else if (v != null && !scalar(name, v).toString().isBlank()) {
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
        // anything else but the words is refused: "no" or 0 read as false would turn a dry run into the real one
        String word = v.toString().strip().toLowerCase(java.util.Locale.ROOT);
        if (word.equals("true") || word.equals("false")) {
            return word.equals("true");
        }
        throw new ToolError("argument '" + name + "' must be true or false");
    }

    int integer(String name, int fallback, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        java.math.BigDecimal n;
        try {
            // exactly as sent: 4294967297 must not wrap to 1, nor 2.5 become 2
            n = new java.math.BigDecimal(scalar(name, v).toString().strip());
        } catch (NumberFormatException e) {
            throw new ToolError("argument '" + name + "' must be a whole number");
        }
        if (n.stripTrailingZeros().scale() > 0) {
            throw new ToolError("argument '" + name + "' must be a whole number");
        }
        if (n.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || n.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new ToolError("argument '" + name + "' must be between " + min + " and " + max);
        }
        return n.intValueExact();
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
            double d = v instanceof Number num ? num.doubleValue() : Double.parseDouble(scalar(name, v).toString().strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ToolError("argument '" + name + "' must be a number");
        }
    }

    /** The raw value of an argument (a JSON object arrives as a map), or null. */
    Object value(String name) {
        return values.get(name);
    }
}
