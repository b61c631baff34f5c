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
        int[] top = new int[k];
        float[] topScore = new float[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int base = i * dims;
            float s = 0;
            for (int d = 0; d < dims; d++) {
                s += vectors[base + d] * query[d];
            }
            if (s < minScore || (size == k && s <= topScore[k - 1])) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && topScore[pos - 1] < s) {
                top[pos] = top[pos - 1];
                topScore[pos] = topScore[pos - 1];
                pos--;
            }
            top[pos] = i;
            topScore[pos] = s;
        }
        List<Scored> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Scored(hashes[top[i]], topScore[i]));
        }
        return out;
    }

    /** An asset and its score in one ranking. */
    record Scored(String contentHash, float score) {
    }
}
