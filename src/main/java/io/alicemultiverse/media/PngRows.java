package io.alicemultiverse.media;

/**
 * Scanline work for {@link PngGray}: undoing the five PNG filters and turning one unfiltered scanline of any colour
 * type and bit depth into luminance ({@link Luma}). Immutable after construction; one instance per image.
 */
final class PngRows {
    private static final int GREY = 0;
    private static final int RGB = 2;
    private static final int PALETTE = 3;
    private static final int GREY_ALPHA = 4;
    private static final int RGBA = 6;

    private final int width;
    private final int colorType;
    private final int bitDepth;
    /** Luma of each grey level (bit depths below 8) or palette index, alpha already applied. */
    private final float[] levels;
    private final byte[] plte;
    private final byte[] trns;

    PngRows(int width, int colorType, int bitDepth, byte[] plte, byte[] trns) {
        this.width = width;
        this.colorType = colorType;
        this.bitDepth = bitDepth;
        this.levels = colorType == PALETTE ? palette(plte, trns) : greyLevels(bitDepth);
        this.plte = plte;
        this.trns = trns;
    }

    /** Samples per pixel for a valid colour type and bit depth, 0 for an invalid combination. */
    static int channels(int colorType, int bitDepth) {
        boolean wide = bitDepth == 8 || bitDepth == 16;
        switch (colorType) {
            case GREY:
                return wide || bitDepth == 1 || bitDepth == 2 || bitDepth == 4 ? 1 : 0;
            case RGB:
                return wide ? 3 : 0;
            case PALETTE:
                return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 ? 1 : 0;
            case GREY_ALPHA:
                return wide ? 2 : 0;
            case RGBA:
                return wide ? 4 : 0;
            default:
                return 0;
        }
    }

    private static float[] greyLevels(int bitDepth) {
        if (bitDepth >= 8) {
            return null;
        }
        int max = (1 << bitDepth) - 1;
        float[] t = new float[max + 1];
        for (int i = 0; i <= max; i++) {
            t[i] = i * 255f / max;
        }
        return t;
    }

    private static float[] palette(byte[] plte, byte[] trns) {
        float[] t = new float[256]; // indices past the palette read as black
        for (int i = 0; i * 3 + 2 < plte.length; i++) {
            float y = Luma.of(plte[i * 3] & 0xFF, plte[i * 3 + 1] & 0xFF, plte[i * 3 + 2] & 0xFF);
            t[i] = trns != null && i < trns.length ? Luma.overWhite(y, (trns[i] & 0xFF) / 255f) : y;
        }
        return t;
    }

    /**
     * Undoes the filter named by {@code cur[0]} on {@code cur[1..]} in place, given the previous unfiltered row
     * ({@code prev}, all zero before the first). False for an unknown filter type.
     */
    static boolean unfilter(byte[] cur, byte[] prev, int bpp) {
        int n = cur.length;
        switch (cur[0]) {
            case 0:
                return true;
            case 1:
                for (int i = 1 + bpp; i < n; i++) {
                    cur[i] += cur[i - bpp];
                }
                return true;
            case 2:
                for (int i = 1; i < n; i++) {
                    cur[i] += prev[i];
                }
                return true;
            case 3:
                average(cur, prev, bpp);
                return true;
            case 4:
                paeth(cur, prev, bpp);
                return true;
            default:
                return false;
        }
    }

    private static void average(byte[] cur, byte[] prev, int bpp) {
        int n = cur.length;
        int first = Math.min(n, 1 + bpp);
        for (int i = 1; i < first; i++) {
            cur[i] += (byte) ((prev[i] & 0xFF) >>> 1);
        }
        if (bpp == 3 && n > 3) {
            average3(cur, prev);
            return;
        }
        for (int i = first; i < n; i++) {
            cur[i] += (byte) (((cur[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >>> 1);
        }
    }

    /** Average for 8-bit RGB with the left pixel held in locals: a chain through memory costs 2× more. */
    private static void average3(byte[] cur, byte[] prev) {
        int n = cur.length;
        int r = cur[1] & 0xFF;
        int g = cur[2] & 0xFF;
        int b = cur[3] & 0xFF;
        for (int i = 4; i + 2 < n; i += 3) {
            r = (cur[i] + ((r + (prev[i] & 0xFF)) >>> 1)) & 0xFF;
            g = (cur[i + 1] + ((g + (prev[i + 1] & 0xFF)) >>> 1)) & 0xFF;
            b = (cur[i + 2] + ((b + (prev[i + 2] & 0xFF)) >>> 1)) & 0xFF;
            cur[i] = (byte) r;
            cur[i + 1] = (byte) g;
            cur[i + 2] = (byte) b;
        }
    }

    private static void paeth(byte[] cur, byte[] prev, int bpp) {
        int n = cur.length;
        int first = Math.min(n, 1 + bpp);
        for (int i = 1; i < first; i++) {
            cur[i] += prev[i]; // no left neighbour: the predictor is the byte above
        }
        for (int i = first; i < n; i++) {
            int a = cur[i - bpp] & 0xFF;
            int b = prev[i] & 0xFF;
            int c = prev[i - bpp] & 0xFF;
            int pa = Math.abs(b - c);
            int pb = Math.abs(a - c);
            int pc = Math.abs(a + b - 2 * c);
            // branch-free form of (pa <= pb && pa <= pc ? a : pb <= pc ? b : c): noisy rows mispredict branches
            int notA = ((pb - pa) | (pc - pa)) >> 31;
            int useC = (pc - pb) >> 31;
            int bc = b ^ ((b ^ c) & useC);
            cur[i] += (byte) (a ^ ((a ^ bc) & notA));
        }
    }

    /** Luminance of each pixel of the unfiltered scanline {@code row[1..]} into {@code out[0 .. width)}. */
    void toLuma(byte[] row, float[] out) {
        if (bitDepth < 8) {
            packed(row, out);
            return;
        }
        boolean wide = bitDepth == 16;
        switch (colorType) {
            case GREY -> grey(row, out, wide);
            case RGB -> rgb(row, out, wide, false);
            case PALETTE -> {
                for (int x = 0; x < width; x++) {
                    out[x] = levels[row[1 + x] & 0xFF];
                }
            }
            case GREY_ALPHA -> greyAlpha(row, out, wide);
            default -> rgb(row, out, wide, true);
        }
    }

    private void packed(byte[] row, float[] out) {
        int d = bitDepth;
        int mask = (1 << d) - 1;
        for (int x = 0; x < width; x++) {
            int bit = x * d;
            int shift = 8 - d - (bit & 7);
            out[x] = levels[(row[1 + (bit >>> 3)] >>> shift) & mask];
        }
    }

    private void grey(byte[] row, float[] out, boolean wide) {
        if (wide) {
            for (int x = 0, i = 1; x < width; x++, i += 2) {
                out[x] = sample16(row, i);
            }
        } else {
            for (int x = 0; x < width; x++) {
                out[x] = row[1 + x] & 0xFF;
            }
        }
    }

    private void greyAlpha(byte[] row, float[] out, boolean wide) {
        if (wide) {
            for (int x = 0, i = 1; x < width; x++, i += 4) {
                out[x] = Luma.overWhite(sample16(row, i), sample16(row, i + 2) / 255f);
            }
        } else {
            for (int x = 0, i = 1; x < width; x++, i += 2) {
                out[x] = Luma.overWhite(row[i] & 0xFF, (row[i + 1] & 0xFF) / 255f);
            }
        }
    }

    private void rgb(byte[] row, float[] out, boolean wide, boolean alpha) {
        int step = (alpha ? 4 : 3) * (wide ? 2 : 1);
        if (wide) {
            for (int x = 0, i = 1; x < width; x++, i += step) {
                float y = Luma.KR * sample16(row, i) + Luma.KG * sample16(row, i + 2) + Luma.KB * sample16(row, i + 4);
                out[x] = alpha ? Luma.overWhite(y, sample16(row, i + 6) / 255f) : y;
            }
        } else if (alpha) {
            for (int x = 0, i = 1; x < width; x++, i += 4) {
                float y = Luma.R[row[i] & 0xFF] + Luma.G[row[i + 1] & 0xFF] + Luma.B[row[i + 2] & 0xFF];
                out[x] = Luma.overWhite(y, (row[i + 3] & 0xFF) / 255f);
            }
        } else {
            for (int x = 0, i = 1; x < width; x++, i += 3) {
                out[x] = Luma.R[row[i] & 0xFF] + Luma.G[row[i + 1] & 0xFF] + Luma.B[row[i + 2] & 0xFF];
            }
        }
    }

    /**
     * The colour of each pixel of the unfiltered scanline {@code row[1..]} into {@code rgb[0 .. 3·width)}: red, green
     * and blue scaled to [0, 255], each composited over white like {@link #toLuma} (a palette's tRNS applies, a
     * colour-key tRNS does not). Pixel by pixel: only the rare flat picture's colour is read ({@link MeanColour}).
     */
    void toColour(byte[] row, float[] rgb) {
        int channels = channels(colorType, bitDepth);
        float max = (1 << bitDepth) - 1;
        for (int x = 0, o = 0; x < width; x++, o += 3) {
            float r;
            float g;
            float b;
            float alpha = 1;
            if (colorType == PALETTE) {
                int i = sample(row, x);
                r = i * 3 + 2 < plte.length ? plte[i * 3] & 0xFF : 0; // indices past the palette read as black
                g = i * 3 + 2 < plte.length ? plte[i * 3 + 1] & 0xFF : 0;
                b = i * 3 + 2 < plte.length ? plte[i * 3 + 2] & 0xFF : 0;
                alpha = trns != null && i < trns.length ? (trns[i] & 0xFF) / 255f : 1;
            } else {
                int s = x * channels;
                r = sample(row, s) * 255 / max;
                boolean grey = colorType == GREY || colorType == GREY_ALPHA;
                g = grey ? r : sample(row, s + 1) * 255 / max;
                b = grey ? r : sample(row, s + 2) * 255 / max;
                if (colorType == GREY_ALPHA || colorType == RGBA) {
                    alpha = sample(row, s + channels - 1) / max;
                }
            }
            rgb[o] = Luma.overWhite(r, alpha);
            rgb[o + 1] = Luma.overWhite(g, alpha);
            rgb[o + 2] = Luma.overWhite(b, alpha);
        }
    }

    /** Sample {@code i} of the scanline {@code row[1..]}, unscaled, at this image's bit depth. */
    private int sample(byte[] row, int i) {
        if (bitDepth == 16) {
            return ((row[1 + 2 * i] & 0xFF) << 8) | (row[2 + 2 * i] & 0xFF);
        }
        if (bitDepth == 8) {
            return row[1 + i] & 0xFF;
        }
        int bit = i * bitDepth;
        return (row[1 + (bit >>> 3)] >>> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
    }

    /** A 16-bit big-endian sample scaled to [0, 255]. */
    private static float sample16(byte[] row, int i) {
        return (((row[i] & 0xFF) << 8) | (row[i + 1] & 0xFF)) / 257f;
    }
}
