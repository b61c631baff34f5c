package io.alicemultiverse.similar;

import java.util.Arrays;

/**
 * An in-memory index of 64-bit perceptual hashes answering "every hash within distance d" and "the k nearest".
 * Ids are positions in the array given to {@link #of}; hashes are kept as a primitive {@code long[]} and the
 * tables as {@code int[]}/{@code long[]} (no boxing): 6.6 MB for 100,000 hashes with the default engine. Immutable
 * and thread-safe.
 *
 * <p>The default engine is multi-index hashing, chosen by {@code bench.SimilarBenchmark} (100,000 hashes, half
 * random, half in clusters of near-copies; 2 cores shared with other work): a radius-10 query takes ~10 µs against
 * ~3.3 ms for the BK-tree (radius 8: ~4 µs against ~1 ms), and building takes ~2–4 ms against ~20–60 ms. A BK-tree
 * prunes a child only when {@code |edge - d| > r}; random 64-bit hashes lie ~32 ± 4 bits apart, so at r = 10
 * almost every child falls inside the band and a query visits most of the tree. Multi-index hashing touches only
 * the few hundred table buckets within {@code floor(r / 4)} bits of the query's chunks. The BK-tree stays for the
 * comparison (and uses less memory: 1.7 MB). {@link #pairsWithin} is the self-join behind {@code dedup}: every close
 * pair once, from one walk over the tables (~0.3 s of CPU for 100,000 hashes at radius 10, against ~1.1 s for one
 * query per hash).
 */
public final class HashIndex {
    /** The search structure behind the index. */
    public enum Engine { MULTI_INDEX, BK_TREE }

    /** Ids and their distances to the query, nearest first (ties by id). */
    public record Neighbors(int[] ids, int[] distances) {
        public int size() {
            return ids.length;
        }
    }

    /** The wider radius each multi-index step covers at the same per-chunk cost. */
    private static final int[] NEAREST_STEPS = {3, 7, 11};

    private final long[] hashes;
    private final HammingSearch search;

    private HashIndex(long[] hashes, HammingSearch search) {
        this.hashes = hashes;
        this.search = search;
    }

    /** Indexes {@code hashes} (not copied: do not change the array afterwards) with the default engine. */
    public static HashIndex of(long[] hashes) {
        return of(hashes, Engine.MULTI_INDEX);
    }

    public static HashIndex of(long[] hashes, Engine engine) {
        return new HashIndex(hashes, switch (engine) {
            case MULTI_INDEX -> new MultiIndexHash(hashes);
            case BK_TREE -> new BkTree(hashes);
        });
    }

    public int size() {
        return hashes.length;
    }

    public long hash(int id) {
        return hashes[id];
    }

    /** Every id whose hash is within {@code radius} bits of {@code query}, nearest first. */
    public Neighbors within(long query, int radius) {
        IntBuffer out = new IntBuffer();
        search.within(query, radius, out);
        return sorted(query, out.toArray(), Integer.MAX_VALUE);
    }

    /**
     * Every pair of ids {@code i < j} within {@code radius} of each other, each once, packed as
     * {@code (long) i << 32 | j}, in no particular order: the self-join behind {@code dedup}. Uses the common
     * fork-join pool.
     */
    long[] pairsWithin(int radius) {
        return search.pairs(radius);
    }

    /**
     * Every pair ({@code i} of this index, {@code j} of {@code other}) within {@code radius}, each once, packed as
     * {@code (long) i << 32 | j}, in no particular order: how {@code dedup} meets zoom hashes with pHashes. Walks both
     * multi-index tables together when both indexes use that engine, else queries {@code other} once per hash.
     */
    long[] crossPairsWithin(HashIndex other, int radius) {
        if (search instanceof MultiIndexHash a && other.search instanceof MultiIndexHash b) {
            return a.crossPairs(b, radius);
        }
        LongBuffer out = new LongBuffer();
        IntBuffer found = new IntBuffer();
        for (int i = 0; i < hashes.length; i++) {
            found.clear();
            other.search.within(hashes[i], radius, found);
            for (int k = 0; k < found.size(); k++) {
                out.add((long) i << 32 | found.get(k));
            }
        }
        return out.toArray();
    }

    /** The {@code k} ids nearest to {@code query} (fewer when the index is smaller), nearest first. */
    public Neighbors nearest(long query, int k) {
        if (k <= 0) {
            return new Neighbors(new int[0], new int[0]);
        }
        IntBuffer out = new IntBuffer();
        for (int r : NEAREST_STEPS) {
            out.clear();
            search.within(query, r, out);
            if (out.size() >= k) {
                return sorted(query, out.toArray(), k);
            }
        }
        // far from everything: one pass counts hashes per distance, a second collects those up to the k-th
        int[] perDistance = new int[65];
        for (long h : hashes) {
            perDistance[Long.bitCount(h ^ query)]++;
        }
        int limit = 0;
        for (int seen = perDistance[0]; seen < k && limit < 64; seen += perDistance[++limit]) {
            // advance to the distance that completes k
        }
        IntBuffer all = new IntBuffer();
        for (int i = 0; i < hashes.length; i++) {
            if (Long.bitCount(hashes[i] ^ query) <= limit) {
                all.add(i);
            }
        }
        return sorted(query, all.toArray(), k);
    }

    /** Bytes held by the hash array and the engine's tables. */
    public long bytes() {
        return search.bytes();
    }

    private Neighbors sorted(long query, int[] ids, int limit) {
        // sort by (distance, id) packed into one long: no boxing, no comparator
        long[] keyed = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keyed[i] = ((long) Long.bitCount(hashes[ids[i]] ^ query) << 32) | ids[i];
        }
        Arrays.sort(keyed);
        int n = Math.min(limit, keyed.length);
        int[] outIds = new int[n];
        int[] outDist = new int[n];
        for (int i = 0; i < n; i++) {
            outIds[i] = (int) keyed[i];
            outDist[i] = (int) (keyed[i] >>> 32);
        }
        return new Neighbors(outIds, outDist);
    }
}
