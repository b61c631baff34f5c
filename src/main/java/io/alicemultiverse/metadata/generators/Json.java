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

    /** The parsed value, or null when {@code text} is null, blank or not JSON. */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        // some writers end the text with NULs (TensorArt's generation_data)
        String t = trim(text);
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(t);
            return node == null || node.isMissingNode() ? null : node;
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code text} without surrounding whitespace and NULs. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) <= ' ')) {
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
