package io.alicemultiverse.similar;

import java.util.List;

/**
 * A set of assets that look the same, with the one to keep. Immutable.
 *
 * @param kind    {@code exact} (every member holds the keeper's pixels, decoded and compared: the same picture in
 *                other bytes) or {@code near} (pHash within the threshold, linked transitively)
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

    /**
     * One member, its pHash distance to the keeper (for videos: the largest keyframe distance), and whether it holds
     * the keeper's very pixels (the keeper itself does; in a {@code near} group some members may).
     */
    public record Member(DedupAsset asset, int distance, boolean samePixels) {
        /** A member not known to hold the keeper's pixels. */
        public Member(DedupAsset asset, int distance) {
            this(asset, distance, false);
        }
    }

    /** The members other than the keeper. */
    public List<Member> others() {
        return members.subList(1, members.size());
    }
}
