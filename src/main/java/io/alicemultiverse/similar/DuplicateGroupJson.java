package io.alicemultiverse.similar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/**
 * The documented JSON shape of a duplicate group, the one record behind {@code alice dedup --json} and the MCP
 * result: {@code {"group", "kind", "keep", "reason", "members": [{"path", "content_hash", "distance", "same_pixels"}]}}.
 */
public record DuplicateGroupJson(
        int group,
        @JsonPropertyDescription("exact (every member has the keeper's very pixels, in other bytes) or near (a variant, "
                + "re-encode, resize or greyscale copy)") String kind,
        @JsonPropertyDescription("Library path of the suggested keeper") String keep,
        @JsonPropertyDescription("Why that one is kept") String reason,
        List<Member> members) {

    /** One file of the group, the keeper included. */
    public record Member(String path, @JsonProperty("content_hash") String contentHash,
                         @JsonPropertyDescription("Perceptual distance to the keeper, 0 = looks identical") int distance,
                         @JsonProperty("same_pixels") @JsonPropertyDescription("Whether it decodes to the keeper's "
                                 + "very pixels") boolean samePixels) {
    }

    public static DuplicateGroupJson of(DuplicateGroup g) {
        return new DuplicateGroupJson(g.group(), g.kind().id(), g.keep().path(), g.reason(), g.members().stream()
                .map(x -> new Member(x.asset().path(), x.asset().contentHash(), x.distance(), x.samePixels())).toList());
    }
}
