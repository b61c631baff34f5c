package io.alicemultiverse.media;

/**
 * The one luminance rule every decoder uses: BT.601 luma on gamma-encoded 8-bit-scaled samples, alpha composited
 * over white. Tables make the 8-bit case three loads and two adds. Stateless.
 */
final class Luma {
    static final float KR = 0.299f;
    static final float KG = 0.587f;
    static final float KB = 0.114f;
    static final float[] R = table(KR);
    static final float[] G = table(KG);
    static final float[] B = table(KB);

    private Luma() {
    }

    private static float[] table(float k) {
        float[] t = new float[256];
        for (int i = 0; i < 256; i++) {
            t[i] = k * i;
        }
        return t;
    }

    /** Luma of 8-bit {@code r, g, b}. */
    static float of(int r, int g, int b) {
        return R[r] + G[g] + B[b];
    }

    /** {@code y} (0..255) composited over white with opacity {@code alpha} in [0, 1]. */
    static float overWhite(float y, float alpha) {
        return 255f + alpha * (y - 255f);
    }
}
