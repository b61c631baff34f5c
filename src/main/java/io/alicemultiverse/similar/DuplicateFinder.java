package io.alicemultiverse.similar;

import io.alicemultiverse.hash.PerceptualHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds groups of duplicates among catalogued assets without comparing all pairs: one {@link HashIndex} self-join
 * lists every pair of pHashes within the threshold (each pair once), and each image's zoom hash is looked up in the
 * same index (crops of it); pairs that pass the {@link NearRule} are joined. Union–find joins them into connected
 * components (so a chain A~B~C is one group even when A and C are further apart; each member reports its own
 * distance to the keeper). A group is {@code exact} when every member holds the keeper's pixels ({@link MemberFiles}:
 * decoded and compared; two catalogued assets never share their bytes), else {@code near}. Images link to images, videos to videos
 * (every keyframe within the threshold). Stateless; the self-join runs on all cores.
 */
public final class DuplicateFinder {
    private DuplicateFinder() {
    }

    /**
     * Groups of two or more, ordered by keeper path, numbered from 1.
     *
     * @throws IllegalArgumentException when {@code maxDistance} is negative
     */
    public static List<DuplicateGroup> groups(List<DedupAsset> assets, int maxDistance, KeepRule rule) {
        return groups(assets, maxDistance, rule, a -> false);
    }

    /**
     * {@link #groups(List, int, KeepRule)}, where {@code damaged} tells whether a group member's file is damaged (a
     * truncated download: see {@link KeepRule}); it is asked only about members of groups, once each.
     */
    public static List<DuplicateGroup> groups(List<DedupAsset> assets, int maxDistance, KeepRule rule,
                                              java.util.function.Predicate<DedupAsset> damaged) {
        return groups(assets, maxDistance, rule, MemberFiles.hashesOnly(damaged));
    }

    /**
     * {@link #groups(List, int, KeepRule)} for a library's assets, its files under {@code library} telling what they
     * hold ({@link MemberFiles#onDisk}); what their decodes found is kept in the library's cache
     * ({@link MemberFacts}) for the next run.
     */
    public static List<DuplicateGroup> groupsOnDisk(List<DedupAsset> assets, int maxDistance, KeepRule rule,
                                                    java.nio.file.Path library) {
        MemberFacts facts = MemberFacts.open(library);
        try {
            return groups(assets, maxDistance, rule, MemberFiles.onDisk(library, facts));
        } finally {
            facts.saveIfChanged();
        }
    }

    /**
     * {@link #groups(List, int, KeepRule)}, where {@code files} tells what the group members' files hold: which are
     * damaged or greyscale (for the keeper) and which hold the keeper's pixels (for the kind). It is asked only
     * about members of groups.
     */
    static List<DuplicateGroup> groups(List<DedupAsset> assets, int maxDistance, KeepRule rule, MemberFiles files) {
        if (maxDistance < 0) {
            throw new IllegalArgumentException("maxDistance must be >= 0, got " + maxDistance);
        }
        int n = assets.size();
        long[] phashes = new long[n];
        boolean[] video = new boolean[n];
        for (int i = 0; i < n; i++) {
            phashes[i] = assets.get(i).phash();
            video[i] = assets.get(i).isVideo();
        }
        int[] parent = new int[n];
        Arrays.setAll(parent, i -> i);
        HashIndex index = HashIndex.of(phashes);
        for (long pair : index.pairsWithin(maxDistance)) {
            int i = (int) (pair >>> 32);
            int j = (int) pair;
            if (linked(assets.get(i), assets.get(j), maxDistance)) {
                union(parent, i, j);
            }
        }
        // crops: an image's zoom hash near another image's pHash, from one join of the two hash sets
        IntBuffer zoomed = new IntBuffer();
        for (int i = 0; i < n; i++) {
            if (!video[i] && assets.get(i).zhash() != null) {
                zoomed.add(i);
            }
        }
        int[] owner = zoomed.toArray();
        long[] zhashes = new long[owner.length];
        for (int k = 0; k < owner.length; k++) {
            zhashes[k] = assets.get(owner[k]).zhash();
        }
        for (long pair : HashIndex.of(zhashes).crossPairsWithin(index, maxDistance)) {
            int i = owner[(int) (pair >>> 32)];
            int j = (int) pair;
            if (i != j && !video[j] && NearRule.near(assets.get(i), assets.get(j), maxDistance)) {
                union(parent, i, j);
            }
        }
        // groups are settled in parallel: deciding one may decode its members' files (tens of ms each)
        List<DuplicateGroup> out = new ArrayList<>(components(parent).parallelStream().map(component -> {
            List<DedupAsset> members = new ArrayList<>(component.length);
            for (int i : component) {
                members.add(assets.get(i));
            }
            return group(members, rule, files);
        }).toList());
        out.sort(Comparator.comparing((DuplicateGroup g) -> g.keep().path()));
        List<DuplicateGroup> numbered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            DuplicateGroup g = out.get(i);
            numbered.add(new DuplicateGroup(i + 1, g.kind(), g.keep(), g.reason(), g.members()));
        }
        return numbered;
    }

    /** The sets of two or more ids sharing a root, each in id order (a counting sort by root, no boxing). */
    private static List<int[]> components(int[] parent) {
        int n = parent.length;
        int[] size = new int[n];
        int[] rootOf = new int[n];
        for (int i = 0; i < n; i++) {
            rootOf[i] = find(parent, i);
            size[rootOf[i]]++;
        }
        int[][] byRoot = new int[n][];
        int[] filled = new int[n];
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int root = rootOf[i];
            if (size[root] > 1) {
                if (byRoot[root] == null) {
                    byRoot[root] = new int[size[root]];
                    out.add(byRoot[root]);
                }
                byRoot[root][filled[root]++] = i;
            }
        }
        return out;
    }

    /**
     * Distance between two assets as grouping sees it: for images the {@link NearRule} distance (pHash bits, or zoom
     * hash to pHash when smaller), for videos the worst keyframe.
     */
    public static int distance(DedupAsset a, DedupAsset b) {
        if (a.isVideo() && b.isVideo() && a.frames().length == b.frames().length) {
            int worst = 0;
            for (int f = 0; f < a.frames().length; f++) {
                worst = Math.max(worst, PerceptualHash.distance(a.frames()[f], b.frames()[f]));
            }
            return worst;
        }
        if (a.isVideo() || b.isVideo()) {
            return PerceptualHash.distance(a.phash(), b.phash());
        }
        return NearRule.distance(a, b);
    }

    /** Whether a pair within the pHash threshold links: two images by the {@link NearRule}, or two videos. */
    private static boolean linked(DedupAsset a, DedupAsset b, int maxDistance) {
        if (!a.isVideo() && !b.isVideo()) {
            return NearRule.near(a, b, maxDistance);
        }
        return a.isVideo() == b.isVideo() && distance(a, b) <= maxDistance;
    }

    private static DuplicateGroup group(List<DedupAsset> members, KeepRule rule, MemberFiles files) {
        // one picture in every member: they are alike in colour, so no decode is spent asking which is greyscale
        boolean allSame = files.allSamePixels(members);
        KeepRule.Choice choice = rule.choose(members, files::damaged, allSame ? a -> false : files::greyscale);
        DedupAsset keep = choice.bestFirst().get(0);
        List<DuplicateGroup.Member> list = new ArrayList<>();
        boolean allExact = true;
        for (DedupAsset m : choice.bestFirst()) {
            boolean same = m == keep || allSame || (keep.isVideo() ? MemberFiles.sameVideo(keep, m)
                    : !m.isVideo() && files.samePixels(keep, m));
            allExact &= same;
            list.add(new DuplicateGroup.Member(m, distance(keep, m), same));
        }
        List<DuplicateGroup.Member> others = new ArrayList<>(list.subList(1, list.size()));
        others.sort(Comparator.comparingInt(DuplicateGroup.Member::distance)
                .thenComparing(m -> m.asset().path()));
        List<DuplicateGroup.Member> ordered = new ArrayList<>();
        ordered.add(list.get(0));
        ordered.addAll(others);
        return new DuplicateGroup(0, allExact ? DuplicateGroup.Kind.EXACT : DuplicateGroup.Kind.NEAR, keep,
                choice.reason(), List.copyOf(ordered));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
