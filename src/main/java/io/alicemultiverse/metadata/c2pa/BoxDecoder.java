package io.alicemultiverse.metadata.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.util.List;

/**
 * Decodes the {@code cbor} or {@code json} content box of a C2PA superbox (claim or assertion) into a tree.
 * Stateless and thread-safe; never throws: a box that does not decode gives null and a problem.
 */
final class BoxDecoder {
    private static final ObjectMapper CBOR = CBORMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private BoxDecoder() {
    }

    /**
     * The decoded content of {@code box}'s first {@code cbor} or {@code json} box, or null (with a problem naming
     * {@code where}) when it has none or it does not decode.
     */
    static JsonNode decode(JumbfBoxes.Superbox box, String where, List<String> problems) {
        JumbfBoxes.Content content = box.content("cbor", "json");
        if (content == null) {
            problems.add(where + ": no cbor or json content box");
            return null;
        }
        ObjectMapper mapper = "cbor".equals(content.type()) ? CBOR : JSON;
        try {
            JsonNode node = mapper.readTree(content.payload());
            if (node == null || node.isMissingNode()) {
                problems.add(where + ": empty " + content.type() + " box");
                return null;
            }
            return node;
        } catch (Exception | StackOverflowError e) {
            problems.add(where + ": unreadable " + content.type() + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }
}
