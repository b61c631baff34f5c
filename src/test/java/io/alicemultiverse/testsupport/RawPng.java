package io.alicemultiverse.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Hand-builds PNG image data for decoder tests: any colour type and bit depth, with every scanline filtered by one
 * chosen filter type (0 None .. 4 Paeth) or by cycling through all five, optionally with PLTE and tRNS.
 */
public final class RawPng {
    /** Cycle through the five filter types, row by row. */
    public static final int CYCLE = -1;
    /** Choose each row's filter the way libpng does. */
    public static final int ADAPTIVE = -2;

    private RawPng() {
    }

    /** An 8-bit RGB PNG of {@code img} with the given filter choice, IDAT split every 8 KB as libpng does. */
    public static byte[] rgb(java.awt.image.BufferedImage img, int filter) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[][] rows = new byte[h][w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                rows[y][x * 3] = (byte) (p >> 16);
                rows[y][x * 3 + 1] = (byte) (p >> 8);
                rows[y][x * 3 + 2] = (byte) p;
            }
        }
        return build(w, h, 8, 2, rows, filter, null, null, 8192);
    }

    /**
     * A PNG whose unfiltered scanlines are {@code rows} (each {@code ceil(width·channels·depth / 8)} bytes).
     *
     * @param filter 0..4 for one filter on every row, {@link #CYCLE} to cycle through all five row by row,
     *               {@link #ADAPTIVE} to pick per row the filter with the smallest sum of absolute differences (the
     *               libpng heuristic most encoders use)
     */
    public static byte[] build(int width, int height, int depth, int colorType, byte[][] rows, int filter,
                               byte[] plte, byte[] trns) {
        return build(width, height, depth, colorType, rows, filter, plte, trns, 1000);
    }

    /** As {@link #build(int, int, int, int, byte[][], int, byte[], byte[])}, splitting IDAT every {@code idatSize} bytes. */
    public static byte[] build(int width, int height, int depth, int colorType, byte[][] rows, int filter,
                               byte[] plte, byte[] trns, int idatSize) {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            default -> 4;
        };
        int bpp = Math.max(1, channels * depth / 8);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] prev = new byte[rows[0].length];
        for (int y = 0; y < height; y++) {
            byte[] best = null;
            int bestType = 0;
            if (filter == ADAPTIVE) {
                long bestCost = Long.MAX_VALUE;
                for (int f = 0; f < 5; f++) {
                    byte[] candidate = filter(rows[y], prev, bpp, f);
                    long cost = 0;
                    for (byte v : candidate) {
                        cost += Math.abs(v);
                    }
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = candidate;
                        bestType = f;
                    }
                }
            } else {
                bestType = filter == CYCLE ? y % 5 : filter;
                best = filter(rows[y], prev, bpp, bestType);
            }
            raw.write(bestType);
            raw.writeBytes(best);
            prev = rows[y];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) depth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(PngBuilder.encode("IHDR", ihdr.array()));
        if (plte != null) {
            out.writeBytes(PngBuilder.encode("PLTE", plte));
        }
        if (trns != null) {
            out.writeBytes(PngBuilder.encode("tRNS", trns));
        }
        byte[] data = PngBuilder.deflate(raw.toByteArray());
        // split the image data over several IDAT chunks, as encoders do
        for (int off = 0; off < data.length; off += idatSize) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + idatSize));
            out.writeBytes(PngBuilder.encode("IDAT", part));
        }
        out.writeBytes(PngBuilder.encode("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] filter(byte[] row, byte[] prev, int bpp, int type) {
        byte[] out = new byte[row.length];
        for (int i = 0; i < row.length; i++) {
            int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
            int b = prev[i] & 0xFF;
            int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
            int pred = switch (type) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) >>> 1;
                default -> paeth(a, b, c);
            };
            out[i] = (byte) (row[i] - pred);
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
