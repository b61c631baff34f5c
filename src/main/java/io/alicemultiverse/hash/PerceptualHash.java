package io.alicemultiverse.hash;

import io.alicemultiverse.media.GrayImage;

import java.util.Arrays;

/**
 * 64-bit perceptual hashes of a {@link GrayImage}: near-identical pictures (resized, re-encoded, slightly brightened
 * or cropped) get hashes a few bits apart, unrelated ones about 32 bits apart. Written here, not taken from a
 * library: JImageHash needs JavaFX, and the two hashes are a few dozen lines. Stateless and thread-safe.
 *
 * <p>Bit {@code i} is {@code (hash >>> i) & 1}. Both hashes first area-average the picture with
 * {@link GrayImage#resize} when it is not already the size they work on, so feed them the 32 × 32 picture of
 * {@link io.alicemultiverse.media.HashGrid#grayscale} with {@code HASH_SIZE} for hashes that are comparable.
 */
public final class PerceptualHash {
    private static final int N = 32;
    private static final int K = 8;
    /** COS[u][x] = cos((2x + 1) u π / 2N) for u in 0..K: the DCT-II basis rows the hash needs. */
    private static final double[][] COS = new double[K + 1][N];

    static {
        for (int u = 0; u <= K; u++) {
            for (int x = 0; x < N; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
            }
        }
    }

    private PerceptualHash() {
    }

    /**
     * Difference hash: the picture area-averaged to 9 × 8; bit {@code row·8 + col} is set when cell
     * {@code (col + 1, row)} is brighter than cell {@code (col, row)}.
     */
    public static long dHash(GrayImage image) {
        GrayImage g = image.resize(K + 1, K);
        long hash = 0;
        for (int row = 0; row < K; row++) {
            for (int col = 0; col < K; col++) {
                if (g.get(col + 1, row) > g.get(col, row)) {
                    hash |= 1L << (row * K + col);
                }
            }
        }
        return hash;
    }

    /**
     * DCT hash (the phash.org rule): the picture area-averaged to 32 × 32, its 2-D DCT-II, and the 64 coefficients
     * at frequencies {@code u, v} in 1..8 (the 8 × 8 lowest after dropping the DC term and its row and column, which
     * carry overall brightness); bit {@code (v-1)·8 + (u-1)} is set when coefficient {@code (u, v)} (u horizontal)
     * exceeds the median of the 64.
     */
    public static long pHash(GrayImage image) {
        float[] px = image.resize(N, N).toArray();
        double[][] rowsByU = new double[K + 1][N]; // rowsByU[u][y] = Σx px[y][x] COS[u][x]
        for (int y = 0; y < N; y++) {
            for (int u = 1; u <= K; u++) {
                double s = 0;
                for (int x = 0; x < N; x++) {
                    s += px[y * N + x] * COS[u][x];
                }
                rowsByU[u][y] = s;
            }
        }
        double[] coef = new double[K * K];
        for (int v = 1; v <= K; v++) {
            for (int u = 1; u <= K; u++) {
                double s = 0;
                for (int y = 0; y < N; y++) {
                    s += rowsByU[u][y] * COS[v][y];
                }
                coef[(v - 1) * K + (u - 1)] = s;
            }
        }
        double[] sorted = coef.clone();
        Arrays.sort(sorted);
        double median = (sorted[K * K / 2 - 1] + sorted[K * K / 2]) / 2;
        long hash = 0;
        for (int i = 0; i < K * K; i++) {
            if (coef[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    /** The share of each side {@link #zoomPHash} keeps. */
    static final double ZOOM_KEEP = 0.95;

    /**
     * The pHash of the picture's centre 95 % (each side), resampled bilinearly to 32 × 32: what {@link #pHash} gives
     * for a copy cropped by 2.5 % on every side. Comparing one picture's zoom hash with another's pHash finds crops
     * that the pHash alone puts 10–16 bits apart (a 5 % crop is a 5.3 % zoom, which moves the (u, v) ≤ 8 DCT band by
     * up to 0.85 cells at the edges).
     */
    public static long zoomPHash(GrayImage image) {
        float[] g = image.resize(N, N).toArray();
        float[] out = new float[N * N];
        double off = N * (1 - ZOOM_KEEP) / 2;
        for (int y = 0; y < N; y++) {
            double sy = off + (y + 0.5) * ZOOM_KEEP - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            int y1 = Math.min(N - 1, y0 + 1);
            y0 = Math.max(0, y0);
            for (int x = 0; x < N; x++) {
                double sx = off + (x + 0.5) * ZOOM_KEEP - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                int x1 = Math.min(N - 1, x0 + 1);
                x0 = Math.max(0, x0);
                out[y * N + x] = (float) ((1 - fy) * ((1 - fx) * g[y0 * N + x0] + fx * g[y0 * N + x1])
                        + fy * ((1 - fx) * g[y1 * N + x0] + fx * g[y1 * N + x1]));
            }
        }
        return pHash(GrayImage.of(N, N, out));
    }

    /** Hamming distance: how many of the 64 bits differ (0..64). */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
