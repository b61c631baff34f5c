package io.alicemultiverse.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Hand-builds PNG image data for decoder tests: any colour type and bit depth, with every scanline filtered by one
 * chosen filter type (0 None .. 4 Paeth) or by cycling through all five, optionally with PLTE and tRNS.
 */
public final class RawPng {
    private RawPng() {
    }

    /**
     * A PNG whose unfiltered scanlines are {@code rows} (each {@code ceil(width·channels·depth / 8)} bytes).
     *
     * @param filter 0..4 for one filter on every row, -1 to cycle through all five row by row
     */
    public static byte[] build(int width, int height, int depth, int colorType, byte[][] rows, int filter,
                               byte[] plte, byte[] trns) {
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
            int f = filter < 0 ? y % 5 : filter;
            raw.write(f);
            raw.writeBytes(filter(rows[y], prev, bpp, f));
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
        for (int off = 0; off < data.length; off += 1000) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + 1000));
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
