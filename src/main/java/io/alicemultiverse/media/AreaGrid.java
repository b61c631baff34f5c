package io.alicemultiverse.media;

import java.util.Arrays;

/**
 * Reduces a picture, fed one row of luminance at a time, to an exact area-weighted average grid (the rule documented
 * on {@link GrayImage}). Holds only the grid and one row of partial sums, so a decoder never keeps the whole image.
 * Rows missing at the end (a truncated file) repeat the last grid row that received data. Not thread-safe: one
 * instance per decode.
 */
final class AreaGrid {
    private final int srcWidth;
    private final int outWidth;
    private final int outHeight;
    private final Spans cols;
    private final Runs runs;
    private final Spans rows;
    private final float[] colSum;
    private final float[] rowAcc;
    private final double[] acc;
    private final double[] rowWeight;
    private int y;

    AreaGrid(int srcWidth, int srcHeight, int outWidth, int outHeight) {
        if (srcWidth <= 0 || srcHeight <= 0 || outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + srcWidth + "x" + srcHeight + " -> "
                    + outWidth + "x" + outHeight);
        }
        this.srcWidth = srcWidth;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        this.cols = new Spans(srcWidth, outWidth);
        this.runs = outWidth <= srcWidth ? new Runs(srcWidth, outWidth) : null;
        this.rows = new Spans(srcHeight, outHeight);
        this.colSum = new float[outWidth];
        for (int i = 0; i < cols.cell.length; i++) {
            colSum[cols.cell[i]] += cols.weight[i];
        }
        this.rowAcc = new float[outWidth];
        this.acc = new double[outWidth * outHeight];
        this.rowWeight = new double[outHeight];
    }

    /** How many source rows were added so far. */
    int rowsAdded() {
        return y;
    }

    /** Adds the next source row: {@code lum[0 .. srcWidth)} in [0, 255]. Rows past the last are ignored. */
    void addRow(float[] lum) {
        if (y >= rows.length) {
            return;
        }
        float[] ra = rowAcc;
        if (runs != null) {
            runs.reduce(lum, ra);
        } else {
            Arrays.fill(ra, 0f);
            int[] cell = cols.cell;
            float[] weight = cols.weight;
            int k = cols.span;
            for (int x = 0, j = 0; x < srcWidth; x++) {
                float v = lum[x];
                for (int e = 0; e < k; e++, j++) {
                    ra[cell[j]] += v * weight[j];
                }
            }
        }
        accumulate(ra);
    }

    /**
     * Adds the next source row given as 8-bit samples, PNG scanline layout ({@code row[0]} is the filter byte, then
     * {@code channels} samples a pixel: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA): the same as computing each pixel's
     * luma (alpha over white) and calling {@link #addRow}, but each cell's channels are summed as integers first —
     * luma is linear in them, and so is compositing over white in the alpha-weighted sums — which cost a quarter of
     * the per-pixel float work on the organize benchmark's PNGs. Only when shrinking; else per pixel.
     */
    void addSampleRow(byte[] row, int channels) {
        if (y >= rows.length) {
            return;
        }
        if (runs == null) {
            float[] lum = new float[srcWidth];
            for (int x = 0, i = 1; x < srcWidth; x++, i += channels) {
                lum[x] = Runs.pixel(row, i, channels);
            }
            addRow(lum);
            return;
        }
        switch (channels) {
            case 1 -> runs.reduceGrey(row, rowAcc);
            case 3 -> runs.reduceRgb(row, rowAcc);
            case 2, 4 -> runs.reduceAlpha(row, channels, rowAcc);
            default -> throw new IllegalArgumentException("1 to 4 samples a pixel: " + channels);
        }
        accumulate(rowAcc);
    }

    /** Spreads one reduced row over the grid rows its source row overlaps. */
    private void accumulate(float[] ra) {
        for (int e = 0, j = y * rows.span; e < rows.span; e++, j++) {
            float f = rows.weight[j];
            if (f == 0f) {
                continue;
            }
            int r = rows.cell[j];
            rowWeight[r] += f;
            int base = r * outWidth;
            for (int c = 0; c < outWidth; c++) {
                acc[base + c] += (double) ra[c] * f;
            }
        }
        y++;
    }

    /** The grid of means; rows that received no data repeat the row above (or below, for the first rows). */
    GrayImage result() {
        float[] out = new float[outWidth * outHeight];
        int lastFilled = -1;
        for (int r = 0; r < outHeight; r++) {
            if (rowWeight[r] > 0) {
                for (int c = 0; c < outWidth; c++) {
                    out[r * outWidth + c] = (float) (acc[r * outWidth + c] / (rowWeight[r] * colSum[c]));
                }
                lastFilled = r;
            } else if (lastFilled >= 0) {
                System.arraycopy(out, lastFilled * outWidth, out, r * outWidth, outWidth);
            }
        }
        return GrayImage.adopt(outWidth, outHeight, out);
    }

    /**
     * The horizontal reduction when shrinking, cell by cell: a run of whole pixels summed plainly (the hot loop), plus
     * at most one cut pixel on each side with its fraction. Same arithmetic as {@link Spans}, about 5× faster than
     * scattering every pixel into its cells.
     */
    private static final class Runs {
        final int[] lo;
        final int[] hi;
        final float[] leftWeight;
        final float[] rightWeight;

        Runs(int src, int out) {
            lo = new int[out];
            hi = new int[out];
            leftWeight = new float[out];
            rightWeight = new float[out];
            for (int c = 0; c < out; c++) {
                long start = (long) c * src; // cell edges in units of 1/out pixel
                long end = start + src;
                lo[c] = (int) ((start + out - 1) / out);
                hi[c] = (int) (end / out);
                leftWeight[c] = (float) ((double) ((long) lo[c] * out - start) / out);
                rightWeight[c] = hi[c] < src ? (float) ((double) (end - (long) hi[c] * out) / out) : 0f;
            }
        }

        /** {@link #reduce} for 8-bit grey samples at {@code row[1 ..]}. */
        void reduceGrey(byte[] row, float[] out) {
            for (int c = 0; c < out.length; c++) {
                int a = lo[c];
                int b = hi[c];
                int sum = 0;
                for (int x = a; x < b; x++) {
                    sum += row[1 + x] & 0xFF;
                }
                out[c] = withCutPixels(sum, row, c, 1);
            }
        }

        /** {@link #reduce} for 8-bit RGB samples at {@code row[1 ..]}: channel sums, then one luma per cell. */
        void reduceRgb(byte[] row, float[] out) {
            for (int c = 0; c < out.length; c++) {
                int a = lo[c];
                int b = hi[c];
                int r = 0;
                int g = 0;
                int bl = 0;
                for (int i = 1 + 3 * a, end = 1 + 3 * b; i < end; i += 3) {
                    r += row[i] & 0xFF;
                    g += row[i + 1] & 0xFF;
                    bl += row[i + 2] & 0xFF;
                }
                out[c] = withCutPixels(Luma.KR * r + Luma.KG * g + Luma.KB * bl, row, c, 3);
            }
        }

        /**
         * {@link #reduce} for 8-bit grey + alpha ({@code channels} 2) or RGBA (4) samples at {@code row[1 ..]}. A
         * pixel over white is {@code 255 + a/255 · (luma − 255)}, so a run of {@code n} pixels sums to
         * {@code 255·n + (KR·Σar + KG·Σag + KB·Σab − 255·Σa) / 255}: four integer sums, one division a cell.
         */
        void reduceAlpha(byte[] row, int channels, float[] out) {
            for (int c = 0; c < out.length; c++) {
                int a = lo[c];
                int b = hi[c];
                long al = 0;
                long ar = 0;
                long ag = 0;
                long ab = 0;
                int end = 1 + channels * b;
                if (channels == 4) {
                    for (int i = 1 + 4 * a; i < end; i += 4) {
                        int alpha = row[i + 3] & 0xFF;
                        al += alpha;
                        ar += alpha * (row[i] & 0xFF);
                        ag += alpha * (row[i + 1] & 0xFF);
                        ab += alpha * (row[i + 2] & 0xFF);
                    }
                } else {
                    for (int i = 1 + 2 * a; i < end; i += 2) {
                        int alpha = row[i + 1] & 0xFF;
                        al += alpha;
                        ar += alpha * (row[i] & 0xFF);
                    }
                    ag = ar;
                    ab = ar; // grey: KR + KG + KB = 1
                }
                double premultiplied = Luma.KR * (double) ar + Luma.KG * (double) ag + Luma.KB * (double) ab;
                out[c] = withCutPixels(255f * (b - a) + (float) ((premultiplied - 255.0 * al) / 255.0), row, c,
                        channels);
            }
        }

        /** {@code whole} (cell {@code c}'s sum of whole pixels) plus its cut pixels on either side, by their fraction. */
        private float withCutPixels(float whole, byte[] row, int c, int channels) {
            float s = whole;
            if (leftWeight[c] != 0f) {
                s += leftWeight[c] * pixel(row, 1 + channels * (lo[c] - 1), channels);
            }
            if (rightWeight[c] != 0f) {
                s += rightWeight[c] * pixel(row, 1 + channels * hi[c], channels);
            }
            return s;
        }

        /** The luma, over white, of the 8-bit pixel whose samples start at {@code row[i]}. */
        static float pixel(byte[] row, int i, int channels) {
            return switch (channels) {
                case 1 -> row[i] & 0xFF;
                case 2 -> Luma.overWhite(row[i] & 0xFF, (row[i + 1] & 0xFF) / 255f);
                case 3 -> Luma.of(row[i] & 0xFF, row[i + 1] & 0xFF, row[i + 2] & 0xFF);
                default -> Luma.overWhite(Luma.of(row[i] & 0xFF, row[i + 1] & 0xFF, row[i + 2] & 0xFF),
                        (row[i + 3] & 0xFF) / 255f);
            };
        }

        void reduce(float[] lum, float[] out) {
            for (int c = 0; c < out.length; c++) {
                int a = lo[c];
                int b = hi[c];
                float s0 = 0;
                float s1 = 0;
                int x = a;
                for (; x + 1 < b; x += 2) {
                    s0 += lum[x];
                    s1 += lum[x + 1];
                }
                if (x < b) {
                    s0 += lum[x];
                }
                if (leftWeight[c] != 0f) {
                    s0 += leftWeight[c] * lum[a - 1];
                }
                if (rightWeight[c] != 0f) {
                    s1 += rightWeight[c] * lum[b];
                }
                out[c] = s0 + s1;
            }
        }
    }

    /**
     * For each source index, the output cells its unit interval overlaps and the fraction inside each. Source pixel
     * {@code i} spans {@code [i·out, (i+1)·out)} and cell {@code c} spans {@code [c·src, (c+1)·src)}, both in units
     * of {@code 1/(src·out)} of the picture, so the overlaps are exact integers before the final division.
     */
    private static final class Spans {
        final int length;
        final int span;
        final int[] cell;
        final float[] weight;

        Spans(int src, int out) {
            this.length = src;
            this.span = out <= src ? 2 : (out + src - 1) / src + 1;
            this.cell = new int[src * span];
            this.weight = new float[src * span];
            for (int i = 0; i < src; i++) {
                long start = (long) i * out;
                long end = start + out;
                int c = (int) (start / src);
                for (int e = 0; e < span; e++) {
                    int j = i * span + e;
                    long cellStart = (long) c * src;
                    long overlap = c < out ? Math.min(end, cellStart + src) - Math.max(start, cellStart) : 0;
                    cell[j] = Math.min(c, out - 1);
                    weight[j] = overlap > 0 ? (float) ((double) overlap / out) : 0f;
                    c++;
                }
            }
        }
    }
}
