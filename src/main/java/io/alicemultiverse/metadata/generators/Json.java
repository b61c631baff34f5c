package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * Lenient JSON for metadata found in files: accepts {@code NaN}/{@code Infinity} (ComfyUI writes them), comments,
 * single quotes, trailing commas. Never throws: text that is not JSON gives null. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private Json() {
    }

    /**
     * The parsed object or array, or null when {@code text} is null, blank or not JSON. A JSON string whose value is
     * itself an object's or array's text (JSON encoded twice, as some ComfyUI save nodes write {@code prompt}) gives
     * the inner value.
     */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text;
        for (int depth = 0; depth <= MAX_ENCODINGS; depth++) {
            // some writers end the text with NULs (TensorArt's generation_data), some begin it with a BOM
            t = trim(t);
            if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[' && t.charAt(0) != '"')) {
                return null;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(t);
            } catch (Exception e) {
                return null;
            }
            if (node == null || node.isMissingNode()) {
                return null;
            }
            if (!node.isTextual()) {
                return node;
            }
            t = node.textValue();
        }
        return null;
    }

    /** How many times a value may be JSON-encoded inside a string and still be read. */
    private static final int MAX_ENCODINGS = 3;

    /** {@code text} without surrounding whitespace and NULs. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) <= ' ' || text.charAt(start) == '\uFEFF')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) <= ' ')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Parses as a JSON object, or null. */
    public static JsonNode parseObject(String text) {
        JsonNode n = parse(text);
        return n != null && n.isObject() ? n : null;
    }

    /** The node as plain maps, lists, strings and numbers (for {@code extra}). */
    public static Object toPlain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toPlainMap(JsonNode node) {
        return MAPPER.convertValue(node, Map.class);
    }

}
