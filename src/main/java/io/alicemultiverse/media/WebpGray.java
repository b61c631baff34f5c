package io.alicemultiverse.media;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.io.IOException;

/**
 * Decodes a still WebP to a grid through the system's libwebp ({@code libwebp.so.7}, Debian's {@code libwebp7},
 * which ffmpeg pulls in), bound by JNA like {@link TurboJpeg}: the whole picture as RGBA in native memory, then the
 * exact area means of the {@link GrayImage} rule, alpha over white. Why not TwelveMonkeys' reader: its VP8 decoder
 * (3.14.0, the last one served) tints many lossy files green (its issues 734 and 1102, fixed after that release),
 * which moved a quality-70 WebP copy of a wallpaper up to 14–18 pHash bits from its original while libwebp's own
 * decode of the same file sat 4 bits away. Stateless; {@code -Dalice.libwebp=false} turns it off.
 */
final class WebpGray {
    private static final boolean AVAILABLE = NativeBinding.register(WebpGray.class, "alice.libwebp", "webp",
            "libwebp.so.7");

    private WebpGray() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /**
     * The {@code size × size} grid of {@code webp[0 .. length)}, or {@code null} when libwebp is missing or cannot
     * decode this file (an animation, damaged data): the caller then uses ImageIO, which says what is wrong.
     *
     * @throws IOException when the header claims too many pixels
     */
    static GrayImage decode(byte[] webp, int length, int size) throws IOException {
        GridRows grid = new GridRows(size);
        return rgba(webp, length, grid) ? grid.grid.result() : null;
    }

    /** Luminance rows into the area grid, alpha over white. */
    private static final class GridRows implements RgbaRows {
        private final int size;
        private AreaGrid grid;
        private float[] lum;

        GridRows(int size) {
            this.size = size;
        }

        @Override
        public void start(int width, int height) {
            grid = new AreaGrid(width, height, size, size);
            lum = new float[width];
        }

        @Override
        public void row(byte[] row) {
            for (int x = 0, i = 0; x < lum.length; x++, i += 4) {
                float v = Luma.of(row[i] & 0xFF, row[i + 1] & 0xFF, row[i + 2] & 0xFF);
                int a = row[i + 3] & 0xFF;
                lum[x] = a == 255 ? v : Luma.overWhite(v, a / 255f);
            }
            grid.addRow(lum);
        }
    }

    /** Receives a decoded picture: its size, then each row as RGBA bytes, top to bottom. */
    interface RgbaRows {
        void start(int width, int height);

        /** One row, {@code 4 · width} bytes; the array is reused for the next row. */
        void row(byte[] rgba);
    }

    /**
     * Decodes {@code webp[0 .. length)} whole into native memory and hands its rows to {@code rows}; false when
     * libwebp is missing or cannot decode this file (then {@code rows} heard nothing).
     *
     * @throws IOException when the header claims too many pixels
     */
    static boolean rgba(byte[] webp, int length, RgbaRows rows) throws IOException {
        if (!AVAILABLE || length <= 0) {
            return false;
        }
        try (Memory in = new Memory(length)) {
            in.write(0, webp, 0, length);
            NativeLong inSize = new NativeLong(length);
            int[] w = new int[1];
            int[] h = new int[1];
            if (WebPGetInfo(in, inSize, w, h) == 0) {
                return false;
            }
            Limits.check("WebP", w[0], h[0]);
            int width = w[0];
            int height = h[0];
            long stride = 4L * width;
            try (Memory out = new Memory(stride * height)) {
                if (WebPDecodeRGBAInto(in, inSize, out, new NativeLong(stride * height), (int) stride) == null) {
                    return false;
                }
                rows.start(width, height);
                byte[] row = new byte[(int) stride];
                for (int y = 0; y < height; y++) {
                    out.read(y * stride, row, 0, row.length);
                    rows.row(row);
                }
                return true;
            }
        }
    }

    private static native int WebPGetInfo(Pointer data, NativeLong dataSize, int[] width, int[] height);

    private static native Pointer WebPDecodeRGBAInto(Pointer data, NativeLong dataSize, Pointer output,
                                                     NativeLong outputSize, int outputStride);
}
