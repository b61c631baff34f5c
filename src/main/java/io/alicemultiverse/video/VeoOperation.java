package io.alicemultiverse.video;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

/**
 * Reads a Veo operation (JSON) from a stream without holding an inline clip in memory: every base64 clip field
 * ({@code encodedVideo}, {@code bytesBase64Encoded}) is skipped as it streams past and stands in the tree as
 * {@link #INLINE_CLIP}; the clip of the first sample ({@code response.generateVideoResponse.generatedSamples[0]
 * .video}) is decoded straight into a sink when one is given. A clip of gigabytes thus costs a buffer, not the heap
 * (and passes Jackson's 20-million-character limit on one string). Stateless.
 */
final class VeoOperation {
    /** What an inline clip's text is replaced by in the tree. */
    static final String INLINE_CLIP = "(inline clip)";
    private static final Set<String> CLIP_FIELDS = Set.of("encodedVideo", "bytesBase64Encoded");
    private static final String FIRST_SAMPLE = "/response/generateVideoResponse/generatedSamples/0/video";

    /** What reading found: the operation without its clips, and whether the first sample's clip went to the sink. */
    record Read(JsonNode operation, boolean clipWritten) {
    }

    private VeoOperation() {
    }

    /**
     * Reads the operation from {@code in}, decoding the first sample's clip into {@code sink} when not null.
     *
     * @throws IOException when the body is not JSON, the clip not base64, or the sink refuses more bytes
     */
    static Read read(InputStream in, OutputStream sink) throws IOException {
        try (JsonParser p = ProviderApi.JSON.getFactory().createParser(in)) {
            boolean[] written = {false};
            if (p.nextToken() == null) {
                return new Read(ProviderApi.JSON.createObjectNode(), false);
            }
            JsonNode tree = value(p, "", sink, written);
            return new Read(tree, written[0]);
        }
    }

    /** The value at the parser's current token (its start token for an object or array). */
    private static JsonNode value(JsonParser p, String path, OutputStream sink, boolean[] written) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = ProviderApi.JSON.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING && CLIP_FIELDS.contains(name)) {
                    if (sink != null && !written[0] && path.equals(FIRST_SAMPLE)) {
                        p.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed(), sink);
                        written[0] = true;
                    } // else: the next token skips the string without keeping it
                    o.put(name, INLINE_CLIP);
                } else {
                    o.set(name, value(p, path + "/" + name, sink, written));
                }
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = ProviderApi.JSON.createArrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(value(p, path + "/" + i++, sink, written));
            }
            return a;
        }
        JsonNode scalar = ProviderApi.JSON.readTree(p);
        return scalar == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : scalar;
    }
}
