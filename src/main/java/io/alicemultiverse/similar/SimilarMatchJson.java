package io.alicemultiverse.similar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The documented JSON shape of one image that looks like a query, the one record behind {@code alice similar
 * --json} and the MCP result: {@code {"content_hash", "path", "distance"}}.
 */
public record SimilarMatchJson(@JsonProperty("content_hash") String contentHash, String path,
                               @JsonPropertyDescription("Perceptual hash distance, 0 = identical picture")
                               int distance) {

    public static SimilarMatchJson of(SimilarFinder.Match m) {
        return new SimilarMatchJson(m.contentHash(), m.path(), m.distance());
    }
}
