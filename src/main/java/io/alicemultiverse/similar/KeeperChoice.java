package io.alicemultiverse.similar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A person's choice in one duplicate group — "keep this one, let these go" — checked against the groups found now,
 * so a reviewer can only act on assets that are still duplicates of the one they keep. Stateless.
 */
public final class KeeperChoice {
    private KeeperChoice() {
    }

    /**
     * The group to resolve: {@code keep} first, then the {@code others}, with their distances to it.
     *
     * @param groups the duplicate groups as found now
     * @throws IllegalArgumentException when {@code keep} is in no group, {@code others} is empty, names the
     *                                  keeper, or names an asset that is not (or no longer) in the keeper's group
     */
    public static DuplicateGroup of(List<DuplicateGroup> groups, String keep, Collection<String> others) {
        Set<String> wanted = new LinkedHashSet<>(others);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("name at least one duplicate to let go besides the one kept");
        }
        if (wanted.contains(keep)) {
            throw new IllegalArgumentException("the asset kept cannot also be let go: " + keep);
        }
        DuplicateGroup group = groupOf(groups, keep).orElseThrow(() -> new IllegalArgumentException(
                "asset " + keep + " is in no duplicate group now; reload the duplicates"));
        DedupAsset keeper = group.members().stream().map(DuplicateGroup.Member::asset)
                .filter(a -> a.contentHash().equals(keep)).findFirst().orElseThrow();
        boolean sameKeeper = group.keep().contentHash().equals(keep);
        List<DuplicateGroup.Member> members = new ArrayList<>();
        members.add(new DuplicateGroup.Member(keeper, 0, true));
        for (String hash : wanted) {
            DuplicateGroup.Member found = group.members().stream()
                    .filter(m -> m.asset().contentHash().equals(hash)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("asset " + hash
                            + " is not (or no longer) a duplicate of " + keep + "; reload the duplicates"));
            DedupAsset a = found.asset();
            // whether it holds the pixels of a keeper other than the group's is not known
            members.add(new DuplicateGroup.Member(a, DuplicateFinder.distance(keeper, a),
                    sameKeeper && found.samePixels()));
        }
        String reason = sameKeeper ? group.reason() : "chosen by the reviewer";
        return new DuplicateGroup(group.group(), group.kind(), keeper, reason, List.copyOf(members));
    }

    private static Optional<DuplicateGroup> groupOf(List<DuplicateGroup> groups, String hash) {
        return groups.stream().filter(g -> g.members().stream().anyMatch(m -> m.asset().contentHash().equals(hash)))
                .findFirst();
    }
}
