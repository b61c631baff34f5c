package io.alicemultiverse.similar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Finds groups of duplicates among catalogued assets without comparing all pairs: exact groups by equal
 * (dHash, pHash, width, height), then near links by one {@link HashIndex} radius query per asset, joined with
 * union–find into connected components (so a chain A~B~C is one group even when A and C are further apart; each
 * member reports its own distance to the keeper). Images link to images, videos to videos (every keyframe within
 * the threshold). Stateless; queries run on all cores.
 */
public final class DuplicateFinder {
    private static final int BLOCK = 2048;

    private DuplicateFinder() {
    }

    /** Groups of two or more, ordered by keeper path, numbered from 1. */
    public static List<DuplicateGroup> groups(List<DedupAsset> assets, int maxDistance, KeepRule rule) {
        int n = assets.size();
        int[] parent = new int[n];
        Arrays.setAll(parent, i -> i);
        Map<ExactKey, Integer> exact = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer first = exact.putIfAbsent(ExactKey.of(assets.get(i)), i);
            if (first != null) {
                union(parent, first, i);
            }
        }
        long[] phashes = new long[n];
        for (int i = 0; i < n; i++) {
            phashes[i] = assets.get(i).phash();
        }
        HashIndex index = HashIndex.of(phashes);
        long[][] edges = IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel()
                .mapToObj(b -> links(index, assets, b * BLOCK, Math.min(n, (b + 1) * BLOCK), maxDistance))
                .toArray(long[][]::new);
        for (long[] block : edges) {
            for (long e : block) {
                union(parent, (int) (e >>> 32), (int) e);
            }
        }
        Map<Integer, List<DedupAsset>> components = new HashMap<>();
        for (int i = 0; i < n; i++) {
            components.computeIfAbsent(find(parent, i), k -> new ArrayList<>(2)).add(assets.get(i));
        }
        List<DuplicateGroup> out = new ArrayList<>();
        for (List<DedupAsset> members : components.values()) {
            if (members.size() > 1) {
                out.add(group(members, rule));
            }
        }
        out.sort(Comparator.comparing((DuplicateGroup g) -> g.keep().path()));
        List<DuplicateGroup> numbered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            DuplicateGroup g = out.get(i);
            numbered.add(new DuplicateGroup(i + 1, g.kind(), g.keep(), g.reason(), g.members()));
        }
        return numbered;
    }

    /** Distance between two assets as grouping sees it: pHash bits, or for videos the worst keyframe. */
    public static int distance(DedupAsset a, DedupAsset b) {
        if (a.isVideo() && b.isVideo() && a.frames().length == b.frames().length) {
            int worst = 0;
            for (int f = 0; f < a.frames().length; f++) {
                worst = Math.max(worst, PerceptualHash.distance(a.frames()[f], b.frames()[f]));
            }
            return worst;
        }
        return PerceptualHash.distance(a.phash(), b.phash());
    }

    private static boolean comparable(DedupAsset a, DedupAsset b) {
        return a.isVideo() == b.isVideo();
    }

    private static long[] links(HashIndex index, List<DedupAsset> assets, int from, int to, int maxDistance) {
        IntBuffer found = new IntBuffer();
        long[] edges = new long[16];
        int count = 0;
        for (int i = from; i < to; i++) {
            found.clear();
            index.withinUnsorted(index.hash(i), maxDistance, found);
            DedupAsset a = assets.get(i);
            for (int k = 0; k < found.size(); k++) {
                int j = found.get(k);
                if (j <= i) {
                    continue;
                }
                DedupAsset b = assets.get(j);
                if (comparable(a, b) && (!a.isVideo() || distance(a, b) <= maxDistance)) {
                    if (count == edges.length) {
                        edges = Arrays.copyOf(edges, count * 2);
                    }
                    edges[count++] = ((long) i << 32) | j;
                }
            }
        }
        return Arrays.copyOf(edges, count);
    }

    private static DuplicateGroup group(List<DedupAsset> members, KeepRule rule) {
        ExactKey key = ExactKey.of(members.get(0));
        boolean allExact = members.stream().allMatch(m -> ExactKey.of(m).equals(key));
        KeepRule.Choice choice = rule.choose(members);
        DedupAsset keep = choice.bestFirst().get(0);
        List<DuplicateGroup.Member> list = new ArrayList<>();
        for (DedupAsset m : choice.bestFirst()) {
            list.add(new DuplicateGroup.Member(m, distance(keep, m)));
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

    /** Same pixels in another container, as far as hashes and size can tell. */
    private record ExactKey(long dhash, long phash, int width, int height, List<Long> frames) {
        static ExactKey of(DedupAsset a) {
            return new ExactKey(a.dhash(), a.phash(), a.width(), a.height(),
                    a.frames() == null ? null : Arrays.stream(a.frames()).boxed().toList());
        }
    }
}
