package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Every distinct unit vector in one flat array, searched by brute force, with the assets that share each. Generated
 * libraries repeat prompts (a batch of four, a seed sweep), and assets with the same text have the same vector, so
 * a scan scores each text once. The dot product keeps four independent sums so the JIT can pipeline it (one sum
 * chains every add on the last). Below ~100,000 distinct texts a scan costs less than an HNSW graph saves.
 * Immutable once loaded; thread-safe.
 */
final class VectorIndex {
    private final float[] vectors;
    private final int dims;
    /** The assets of distinct vector {@code i}: {@code owners[start[i]] … owners[start[i + 1] - 1]}. */
    private final int[] start;
    private final String[] owners;
    private final Map<String, Integer> row;
    /** The direction {@link #projections} hold each distinct vector's projection on (NaN: not computed yet). */
    private volatile float[] projectedOn;
    private volatile float[] projections;

    private VectorIndex(float[] vectors, int dims, int[] start, String[] owners, Map<String, Integer> row) {
        this.vectors = vectors;
        this.dims = dims;
        this.start = start;
        this.owners = owners;
        this.row = row;
    }

    /** Whether the asset has a vector here. */
    boolean has(String hash) {
        return row.containsKey(hash);
    }

    /** The cosine similarity of one asset to {@code query}; 0 when the asset has no vector. */
    double similarity(String hash, float[] query) {
        Integer i = row.get(hash);
        return i == null ? 0 : dot(i * dims, query);
    }

    /**
     * The projection of one asset's vector on {@code direction}; 0 when the asset has no vector. Each distinct
     * vector's projection on the one direction a search asks about (the {@link GenericDirection}) is computed once
     * and kept, so a query pays a look-up instead of a dot product per candidate.
     */
    double projection(String hash, float[] direction) {
        Integer i = row.get(hash);
        if (i == null) {
            return 0;
        }
        float[] p = projections;
        if (p == null || projectedOn != direction) {
            p = new float[distinct()];
            Arrays.fill(p, Float.NaN);
            projections = p; // two threads may each start a table: the loser's values are computed again, equal
            projectedOn = direction;
        }
        float v = p[i];
        if (Float.isNaN(v)) {
            v = dot(i * dims, direction);
            p[i] = v; // a float write is atomic; a thread that misses it computes the same value
        }
        return v;
    }

    private float dot(int base, float[] q) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float[] v = vectors;
        int d = 0;
        for (; d + 3 < dims; d += 4) {
            s0 += v[base + d] * q[d];
            s1 += v[base + d + 1] * q[d + 1];
            s2 += v[base + d + 2] * q[d + 2];
            s3 += v[base + d + 3] * q[d + 3];
        }
        for (; d < dims; d++) {
            s0 += v[base + d] * q[d];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** How many times an index was read whole from a catalog (tests: a cache must spare this). */
    static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

    static VectorIndex load(Catalog catalog, String model, int dims) {
        LOADS.incrementAndGet();
        List<String> hs = new ArrayList<>();
        List<float[]> vs = new ArrayList<>();
        catalog.searchIndexSources().vectors(model, null, (h, v) -> {
            hs.add(h);
            vs.add(v);
        });
        return of(hs, vs, dims);
    }

    /**
     * This index with the vectors of {@code hashes} read again from the catalog (dropped where an asset has none
     * any more): after a change to a few assets, without reading every vector.
     */
    VectorIndex updated(Catalog catalog, String model, java.util.Collection<String> hashes) {
        java.util.Set<String> changed = new java.util.HashSet<>(hashes);
        List<String> hs = new ArrayList<>(owners.length);
        List<float[]> vs = new ArrayList<>(owners.length);
        for (int g = 0; g < distinct(); g++) {
            float[] v = Arrays.copyOfRange(vectors, g * dims, (g + 1) * dims);
            for (int o = start[g]; o < start[g + 1]; o++) {
                if (!changed.contains(owners[o])) {
                    hs.add(owners[o]);
                    vs.add(v);
                }
            }
        }
        if (!changed.isEmpty()) {
            catalog.searchIndexSources().vectors(model, changed, (h, v) -> {
                hs.add(h);
                vs.add(v);
            });
        }
        return of(hs, vs, dims);
    }

    /** An index from its parts as {@link #writeTo} wrote them ({@link VectorCache}). */
    static VectorIndex of(float[] vectors, int dims, int[] start, String[] owners) {
        Map<String, Integer> row = new HashMap<>(owners.length * 2);
        for (int g = 0; g + 1 < start.length; g++) {
            if (start[g] > start[g + 1] || start[g + 1] > owners.length) {
                throw new IllegalArgumentException("malformed vector index");
            }
            for (int o = start[g]; o < start[g + 1]; o++) {
                row.put(owners[o], g);
            }
        }
        if (start[0] != 0 || start[start.length - 1] != owners.length || vectors.length != (start.length - 1) * dims) {
            throw new IllegalArgumentException("malformed vector index");
        }
        return new VectorIndex(vectors, dims, start, owners, row);
    }

    /** Writes this index after a header, in the layout {@link VectorCache#read} expects. */
    void writeTo(java.io.DataOutputStream out, String magic, String model, long counter, long mark, int chunk)
            throws java.io.IOException {
        out.writeUTF(magic);
        out.writeUTF(model);
        out.writeInt(dims);
        out.writeLong(counter);
        out.writeLong(mark);
        out.writeInt(distinct());
        out.writeInt(owners.length);
        for (int s : start) {
            out.writeInt(s);
        }
        for (String o : owners) {
            out.writeUTF(o);
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(chunk);
        for (int off = 0; off < vectors.length; ) {
            int n = Math.min(chunk / Float.BYTES, vectors.length - off);
            buf.clear();
            buf.asFloatBuffer().put(vectors, off, n);
            out.write(buf.array(), 0, n * Float.BYTES);
            off += n;
        }
    }

    static VectorIndex of(List<String> hashes, List<float[]> vecs, int dims) {
        Map<Key, List<String>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < hashes.size(); i++) {
            groups.computeIfAbsent(new Key(vecs.get(i)), k -> new ArrayList<>()).add(hashes.get(i));
        }
        float[] flat = new float[groups.size() * dims];
        int[] start = new int[groups.size() + 1];
        String[] owners = new String[hashes.size()];
        Map<String, Integer> row = new HashMap<>(hashes.size() * 2);
        int g = 0;
        int o = 0;
        for (Map.Entry<Key, List<String>> e : groups.entrySet()) {
            System.arraycopy(e.getKey().v, 0, flat, g * dims, dims);
            start[g] = o;
            for (String h : e.getValue()) {
                owners[o++] = h;
                row.put(h, g);
            }
            g++;
        }
        start[g] = o;
        return new VectorIndex(flat, dims, start, owners, row);
    }

    /** How many distinct vectors are scanned per query. */
    int distinct() {
        return start.length - 1;
    }

    /** The {@code k} nearest assets by cosine similarity at or above {@code minScore}, best first. */
    List<Scored> nearest(float[] query, int k, float minScore) {
        int n = distinct();
        // a min-heap of the best k distinct vectors: every one stands for at least one asset, so k of them cover k
        PriorityQueue<long[]> heap = new PriorityQueue<>(k + 1,
                (x, y) -> Float.compare(Float.intBitsToFloat((int) x[1]), Float.intBitsToFloat((int) y[1])));
        float floor = minScore;
        for (int i = 0; i < n; i++) {
            float s = dot(i * dims, query);
            if (s < floor) {
                continue;
            }
            heap.add(new long[]{i, Float.floatToIntBits(s)});
            if (heap.size() > k) {
                heap.poll();
                floor = Math.max(minScore, Float.intBitsToFloat((int) heap.peek()[1]));
            }
        }
        List<long[]> best = new ArrayList<>(heap);
        best.sort((x, y) -> Float.compare(Float.intBitsToFloat((int) y[1]), Float.intBitsToFloat((int) x[1])));
        List<Scored> out = new ArrayList<>(k);
        for (long[] e : best) {
            int g = (int) e[0];
            float s = Float.intBitsToFloat((int) e[1]);
            for (int o = start[g]; o < start[g + 1] && out.size() < k; o++) {
                out.add(new Scored(owners[o], s));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A vector as a map key, by value. */
    private static final class Key {
        final float[] v;
        private final int hash;

        Key(float[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(v, k.v);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** An asset and its score in one ranking. */
    record Scored(String contentHash, float score) {
    }
}
