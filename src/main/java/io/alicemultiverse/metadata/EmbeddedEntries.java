package io.alicemultiverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.generators.Json;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unwraps the records that generators pack into a single EXIF text field (JPEG and WebP have no named text chunks)
 * back into the entries a PNG would carry, recognised by their shape rather than by the field they sit in:
 * <ul>
 *   <li>a labelled graph, {@code prompt:{…}} or {@code Workflow: {…}} (ComfyUI's WebP saver, Save Image Extended),
 *       in any case and spacing, becomes a {@code prompt} or {@code workflow} entry;</li>
 *   <li>a JSON object holding {@code prompt} and/or {@code workflow} graphs (SaveImagePlus) becomes those entries;</li>
 *   <li>a JSON object of text entries with {@code Software} or {@code Comment} (NovelAI's WebP) becomes one entry
 *       per member.</li>
 * </ul>
 * The field itself stays as read. Stateless; never throws.
 */
final class EmbeddedEntries {
    private static final Pattern OUTER_NULS = Pattern.compile("^\\u0000+|\\u0000+$");
    private static final Pattern LABELLED = Pattern.compile("^\\s*(prompt|workflow)\\s*:\\s*(?=\\{)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> GRAPH_KEYS = Set.of("prompt", "workflow");
    private static final int MAX_MEMBERS = 64;

    private EmbeddedEntries() {
    }

    /** Adds the entries {@code value} wraps, if it is one of the shapes above. */
    static void expand(String value, RawMetadata.Builder out) {
        Matcher m = LABELLED.matcher(value);
        if (m.find()) {
            out.text(m.group(1).toLowerCase(Locale.ROOT), value.substring(m.end()));
            return;
        }
        if (!value.stripLeading().startsWith("{")) {
            return;
        }
        JsonNode json = Json.parseObject(value);
        if (json == null || json.size() > MAX_MEMBERS || isGraph(json)) {
            return;
        }
        if (graphs(json, out)) {
            return;
        }
        if (isTextBag(json)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String text = OUTER_NULS.matcher(e.getValue().textValue().strip()).replaceAll("").strip();
                if (!text.isEmpty()) {
                    out.text(e.getKey(), text);
                }
            }
        }
    }

    /** {@code {"prompt": {…}, "workflow": {…}}}: each member that is a graph (or a graph's JSON text). */
    private static boolean graphs(JsonNode json, RawMetadata.Builder out) {
        boolean found = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            JsonNode v = e.getValue();
            if (GRAPH_KEYS.contains(key) && (v.isObject() || v.isTextual() && v.textValue().strip().startsWith("{"))) {
                out.text(key, v.isObject() ? v.toString() : v.textValue());
                found = true;
            }
        }
        return found;
    }

    /** Every member is text and one names the software or carries its comment, as PNG text chunks would. */
    private static boolean isTextBag(JsonNode json) {
        boolean named = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                return false;
            }
            named |= e.getKey().equals("Software") || e.getKey().equals("Comment");
        }
        return named;
    }

    /** A ComfyUI API graph itself (members are nodes with a class type): read where it is, not unwrapped. */
    private static boolean isGraph(JsonNode json) {
        for (JsonNode v : json) {
            if (v.isObject() && v.path("class_type").isTextual()) {
                return true;
            }
        }
        return false;
    }
}
