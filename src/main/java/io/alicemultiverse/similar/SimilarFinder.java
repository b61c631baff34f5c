package io.alicemultiverse.similar;

import io.alicemultiverse.hash.ImageHashes;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers "what looks like this?" over a set of catalogued assets: one {@link HashIndex} on their pHashes and one on
 * their zoom hashes (the pHash of the centre 95 %), so a crop finds its original and an original its crops; images
 * are matched by the {@link NearRule}, videos by pHash alone. Build once, query many times; immutable and
 * thread-safe.
 */
public final class SimilarFinder {
    /** One answer: an asset and its distance to the query (pHash bits, or zoom hash to pHash when smaller). */
    public record Match(String contentHash, String path, int distance) {
    }

    /**
     * What a query looks like: its hashes ({@code zhash} null when unknown), a flat picture's mean colour (else
     * null) and whether it is a video.
     */
    public record Query(long phash, Long zhash, long dhash, boolean video, Integer colour) {
        public static Query of(DedupAsset a) {
            return new Query(a.phash(), a.zhash(), a.dhash(), a.isVideo(), a.colour());
        }

        public static Query of(ImageHashes h, boolean video) {
            return new Query(h.phash(), video ? null : h.zhash(), h.dhash(), video, video ? null : h.colour());
        }
    }

    /**
     * The default {@code --max-distance} of {@code similar} and {@code dedup}: with the {@link NearRule}, the widest
     * distance that kept pairwise precision (all pairs) at or above 0.99 on the wallpaper evaluation
     * ({@code bench/similar-accuracy.sh}, 99 originals, ten mild edits each).
     */
    public static final int DEFAULT_MAX_DISTANCE = 10;

    private final List<DedupAsset> assets;
    private final HashIndex index;
    private final HashIndex zoomIndex;
    /** For each entry of {@link #zoomIndex}, the asset it belongs to. */
    private final int[] zoomOwner;

    public SimilarFinder(List<DedupAsset> assets) {
        this.assets = List.copyOf(assets);
        long[] hashes = new long[assets.size()];
        IntBuffer owners = new IntBuffer();
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = assets.get(i).phash();
            if (assets.get(i).zhash() != null && !assets.get(i).isVideo()) {
                owners.add(i);
            }
        }
        this.index = HashIndex.of(hashes);
        this.zoomOwner = owners.toArray();
        long[] zooms = new long[zoomOwner.length];
        for (int k = 0; k < zooms.length; k++) {
            zooms[k] = assets.get(zoomOwner[k]).zhash();
        }
        this.zoomIndex = HashIndex.of(zooms);
    }

    /**
     * Assets near {@code query} at {@code maxDistance}, nearest first (ties by path), without the asset whose content
     * hash is {@code exclude} (the query itself; may be null), at most {@code limit}.
     */
    public List<Match> similar(Query query, String exclude, int maxDistance, int limit) {
        java.util.BitSet seen = new java.util.BitSet(assets.size());
        IntBuffer candidates = new IntBuffer();
        collect(index.within(query.phash(), maxDistance), null, seen, candidates);
        if (!query.video()) {
            if (query.zhash() != null) {
                collect(index.within(query.zhash(), maxDistance), null, seen, candidates);
            }
            collect(zoomIndex.within(query.phash(), maxDistance), zoomOwner, seen, candidates);
        }
        List<Match> out = new ArrayList<>();
        int[] ids = candidates.toArray();
        for (int i : ids) {
            DedupAsset a = assets.get(i);
            if (a.contentHash().equals(exclude)) {
                continue;
            }
            if (query.video() || a.isVideo()) {
                int d = Long.bitCount(query.phash() ^ a.phash());
                if (d <= maxDistance) {
                    out.add(new Match(a.contentHash(), a.path(), d));
                }
                continue;
            }
            int d = NearRule.distance(query.phash(), query.zhash(), query.colour(), a.phash(), a.zhash(), a.colour());
            if (NearRule.near(d, query.dhash(), a.dhash(), maxDistance)) {
                out.add(new Match(a.contentHash(), a.path(), d));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Match::distance).thenComparing(Match::path));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static void collect(HashIndex.Neighbors n, int[] owner, java.util.BitSet seen, IntBuffer out) {
        for (int k = 0; k < n.size(); k++) {
            int id = owner == null ? n.ids()[k] : owner[n.ids()[k]];
            if (!seen.get(id)) {
                seen.set(id);
                out.add(id);
            }
        }
    }

    /** Whether two images are near at {@code maxDistance} by the rule {@link #similar} and {@code dedup} use. */
    public static boolean near(Query a, Query b, int maxDistance) {
        return NearRule.near(NearRule.distance(a.phash(), a.zhash(), a.colour(), b.phash(), b.zhash(), b.colour()),
                a.dhash(), b.dhash(), maxDistance);
    }

    /** The catalogued asset with this content hash, if any. */
    public java.util.Optional<DedupAsset> asset(String contentHash) {
        return assets.stream().filter(a -> a.contentHash().equals(contentHash)).findFirst();
    }
}
