package io.alicemultiverse.similar;

import java.util.List;

/**
 * A set of assets that look the same, with the one to keep. Immutable.
 *
 * @param kind    {@code exact} (same pixels in another container: equal dHash, equal pHash and equal dimensions) or
 *                {@code near} (pHash within the threshold, linked transitively)
 * @param keep    the member to keep: always {@code members.get(0)}
 * @param reason  the first keeper rule that set it apart from the runner-up
 * @param members the keeper first, then the others by distance to it
 */
public record DuplicateGroup(int group, Kind kind, DedupAsset keep, String reason, List<Member> members) {
    public enum Kind {
        EXACT, NEAR;

        public String id() {
            return name().toLowerCase();
        }
    }

    /** One member and its pHash distance to the keeper (for videos: the largest keyframe distance). */
    public record Member(DedupAsset asset, int distance) {
    }

    /** The members other than the keeper. */
    public List<Member> others() {
        return members.subList(1, members.size());
    }
}
