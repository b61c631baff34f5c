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
     * {@code (col + 1, row)} is brighter than cell {@code (col, row)} — by more than {@value #FLAT_DHASH_STEP} grey
     * levels when the picture {@linkplain #isFlat is flat}.
     */
    public static long dHash(GrayImage image) {
        GrayImage g = image.resize(K + 1, K);
        // a flat picture's cells differ by rounding noise; only a step of half a grey level counts there
        double step = isFlat(image) ? FLAT_DHASH_STEP : 0;
        long hash = 0;
        for (int row = 0; row < K; row++) {
            for (int col = 0; col < K; col++) {
                if (g.get(col + 1, row) - g.get(col, row) > step) {
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
     * exceeds the median of the 64. A {@linkplain #isFlat flat} picture, whose coefficients are all noise, gets
     * {@link #flatCode} of its mean instead.
     */
    public static long pHash(GrayImage image) {
        float[] px = image.resize(N, N).toArray();
        double[] coef = band(px);
        if (amplitude(coef) < FLAT) {
            return flatCode(px);
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

    /**
     * Below this amplitude (grey levels, the root mean square of the 64 coefficients as cosine amplitudes) a picture
     * is flat: nothing in the band pHash reads rises above what 8-bit rounding and a mild edit change. Rounding noise
     * (0.29 of a level per pixel) averages to about 0.01 over a cell of a one-megapixel picture. Below it lie
     * near-blank pictures (an overlay PNG almost fully transparent, over white), and those whose only structure is
     * finer than a cell (a dot pattern) or coarser than the band (a plain gradient). On the 99 wallpapers of
     * {@code bench/similar-accuracy.sh} the flat ones measure 0.000–0.011 and the least structured others 0.049.
     */
    static final double FLAT = 1.0 / 32;
    /** The step between cells {@link #dHash} counts in a flat picture (grey levels). */
    static final double FLAT_DHASH_STEP = 0.5;
    /** Width of a flat picture's run of set bits ({@link #flatCode}). */
    static final int FLAT_RUN = 12;
    /** Positions of the run: one per {@code 255 / FLAT_STEPS} grey levels of the mean. */
    static final int FLAT_STEPS = 25;

    /**
     * Whether {@link #pHash} sees no structure in the picture: the 64 coefficients it thresholds have an amplitude
     * under {@value #FLAT} grey levels. Their signs are then noise (a uniform grid's are floating-point rounding),
     * so their median split would give a hash that each re-encoding or edit redraws.
     */
    public static boolean isFlat(GrayImage image) {
        return amplitude(band(image.resize(N, N).toArray())) < FLAT;
    }

    /**
     * A flat picture's pHash: {@value #FLAT_RUN} set bits starting at bit {@code round(mean · 25 / 255)}, so two
     * flat pictures lie 2 bits apart per ~10 grey levels between their means (at most 24), and at least 20 bits
     * from any structured picture's pHash, which has 32 bits set (the median split of 64 distinct values).
     */
    static long flatCode(float[] px) {
        double mean = 0;
        for (float v : px) {
            mean += v;
        }
        mean /= px.length;
        int start = (int) Math.round(Math.max(0, Math.min(255, mean)) * FLAT_STEPS / 255);
        return ((1L << FLAT_RUN) - 1) << start;
    }

    /**
     * Whether {@code hash} is a {@link #flatCode}: the pHash (or zoom hash) of a {@linkplain #isFlat flat} picture,
     * which codes its brightness and nothing else. No structured picture's pHash is one (those have 32 bits set).
     */
    public static boolean isFlatCode(long hash) {
        int start = Long.numberOfTrailingZeros(hash);
        return start <= FLAT_STEPS && hash == ((1L << FLAT_RUN) - 1) << start;
    }

    /** The 64 DCT-II coefficients at u, v in 1..8 of a 32 × 32 grid, index {@code (v-1)·8 + (u-1)}. */
    private static double[] band(float[] px) {
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
        return coef;
    }

    /** The root mean square of {@link #band} coefficients as a cosine amplitude in grey levels. */
    private static double amplitude(double[] coef) {
        double s2 = 0;
        for (double c : coef) {
            s2 += c * c;
        }
        return Math.sqrt(s2 / coef.length) / (N * N / 4.0);
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
