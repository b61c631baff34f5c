package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON bodies of the API's POST routes strictly: a value of the wrong type is a
 * {@link IllegalArgumentException} naming the field and what it takes (a 400), never quietly replaced by a default.
 * Stateless.
 */
final class JsonBody {
    private JsonBody() {
    }

    /**
     * The request body as a JSON object; anything else — text after the object included ({@code {"add": ["a"]}
     * trailing}, two objects) — is a 400 saying what was expected.
     */
    static JsonNode object(Context ctx) throws IOException {
        JsonNode body = WebServer.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(ctx.bodyAsBytes());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("send a JSON object");
        }
        return body;
    }

    /** {@code body[name]}: absent, or an array of at most {@code max} strings. */
    static List<String> strings(JsonNode body, String name, int max) {
        JsonNode n = body.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > max) {
            throw new IllegalArgumentException(name + " must be a list of at most " + max + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : n) {
            if (!t.isTextual()) {
                throw new IllegalArgumentException(name + " must be a list of strings");
            }
            out.add(t.asText());
        }
        return out;
    }

    /**
     * {@code body[name]} as a whole number from {@code min} to {@code max} (a JSON integer, or a string holding one,
     * as the query parameters and MCP's arguments take it); {@code fallback} when absent.
     */
    static int wholeNumber(JsonNode body, String name, int fallback, int min, int max) {
        JsonNode n = body.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        String why = name + " must be a whole number from " + min + " to " + max;
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n.isTextual()) {
            try {
                v = Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(why + ", not '" + n.asText() + "'");
            }
        } else {
            throw new IllegalArgumentException(why + ", not " + n);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(why + ", not " + v);
        }
        return (int) v;
    }

    /** {@code body[name]} as a finite number (a JSON number, or a string holding one); {@code fallback} when absent. */
    static double number(JsonNode body, String name, double fallback) {
        JsonNode n = body.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        double v = Double.NaN;
        if (n.isNumber()) {
            v = n.asDouble();
        } else if (n.isTextual()) {
            try {
                v = Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a number, not " + n);
        }
        return v;
    }
}
