package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Every asset's unit vector in one flat array, searched by brute force (a dot product per asset: ~4 ms for 50,000
 * 384-d vectors on this machine, below what an HNSW graph saves at this size). Immutable once loaded; thread-safe.
 */
final class VectorIndex {
    private final String[] hashes;
    private final float[] vectors;
    private final int dims;
    private final java.util.Map<String, Integer> row = new java.util.HashMap<>();

    private VectorIndex(String[] hashes, float[] vectors, int dims) {
        this.hashes = hashes;
        this.vectors = vectors;
        this.dims = dims;
        for (int i = 0; i < hashes.length; i++) {
            row.put(hashes[i], i);
        }
    }

    /** The cosine similarity of one asset to {@code query}; 0 when the asset has no vector. */
    double similarity(String hash, float[] query) {
        Integer i = row.get(hash);
        if (i == null) {
            return 0;
        }
        float s = 0;
        for (int d = 0, base = i * dims; d < dims; d++) {
            s += vectors[base + d] * query[d];
        }
        return s;
    }

    static VectorIndex load(Catalog catalog, String model, int dims) {
        List<String> hs = new ArrayList<>();
        List<float[]> vs = new ArrayList<>();
        catalog.select("SELECT content_hash, vector FROM embeddings WHERE model = ?", List.of(model), rs -> {
            Object[] arr = (Object[]) rs.getArray(2).getArray();
            float[] v = new float[arr.length];
            for (int i = 0; i < arr.length; i++) {
                v[i] = ((Number) arr[i]).floatValue();
            }
            hs.add(rs.getString(1));
            vs.add(v);
            return null;
        });
        return of(hs, vs, dims);
    }

    static VectorIndex of(List<String> hashes, List<float[]> vecs, int dims) {
        float[] flat = new float[hashes.size() * dims];
        for (int i = 0; i < vecs.size(); i++) {
            System.arraycopy(vecs.get(i), 0, flat, i * dims, dims);
        }
        return new VectorIndex(hashes.toArray(String[]::new), flat, dims);
    }

    int size() {
        return hashes.length;
    }

    /** The {@code k} nearest assets by cosine similarity at or above {@code minScore}, best first. */
    List<Scored> nearest(float[] query, int k, float minScore) {
        int n = hashes.length;
        // a min-heap of the best k so far: O(n log k), not O(n k)
        java.util.PriorityQueue<long[]> heap = new java.util.PriorityQueue<>(k + 1,
                (x, y) -> Float.compare(Float.intBitsToFloat((int) x[1]), Float.intBitsToFloat((int) y[1])));
        float floor = minScore;
        for (int i = 0; i < n; i++) {
            int base = i * dims;
            float s = 0;
            for (int d = 0; d < dims; d++) {
                s += vectors[base + d] * query[d];
            }
            if (s < floor) {
                continue;
            }
            heap.add(new long[]{i, Float.floatToIntBits(s)});
            if (heap.size() > k) {
                heap.poll();
                floor = Math.max(minScore, Float.intBitsToFloat((int) heap.peek()[1]));
            }
        }
        List<Scored> out = new ArrayList<>(heap.size());
        while (!heap.isEmpty()) {
            long[] e = heap.poll();
            out.add(new Scored(hashes[(int) e[0]], Float.intBitsToFloat((int) e[1])));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** An asset and its score in one ranking. */
    record Scored(String contentHash, float score) {
    }
}
