package io.alicemultiverse.similar;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers "what looks like this?" over a set of catalogued assets: one {@link HashIndex} on their pHashes. Build
 * once, query many times; immutable and thread-safe.
 */
public final class SimilarFinder {
    /** One answer: an asset and its pHash distance to the query. */
    public record Match(String contentHash, String path, int distance) {
    }

    /**
     * The default {@code --max-distance} of {@code similar} and {@code dedup}: the widest pHash distance that kept
     * pairwise precision (all pairs) at or above 0.99 on the wallpaper evaluation ({@code bench/similar-accuracy.sh}):
     * 0.990 with recall 0.874 at 10; 12 drops precision to 0.985.
     */
    public static final int DEFAULT_MAX_DISTANCE = 10;

    private final List<DedupAsset> assets;
    private final HashIndex index;

    public SimilarFinder(List<DedupAsset> assets) {
        this.assets = List.copyOf(assets);
        long[] hashes = new long[assets.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = assets.get(i).phash();
        }
        this.index = HashIndex.of(hashes);
    }

    /**
     * Assets within {@code maxDistance} of {@code phash}, nearest first (ties by path), without the asset whose
     * content hash is {@code exclude} (the query itself; may be null), at most {@code limit}.
     */
    public List<Match> similar(long phash, String exclude, int maxDistance, int limit) {
        HashIndex.Neighbors n = index.within(phash, maxDistance);
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            DedupAsset a = assets.get(n.ids()[i]);
            if (!a.contentHash().equals(exclude)) {
                out.add(new Match(a.contentHash(), a.path(), n.distances()[i]));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Match::distance).thenComparing(Match::path));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** The catalogued asset with this content hash, if any. */
    public java.util.Optional<DedupAsset> asset(String contentHash) {
        return assets.stream().filter(a -> a.contentHash().equals(contentHash)).findFirst();
    }
}
