package io.alicemultiverse.media;

import java.io.IOException;

/**
 * Decodes a JPEG to a small grid through {@link TurboJpeg}, scaled in the DCT domain: at 1/8 scale every decoded pixel
 * is an 8 × 8 block's exact mean luma, so the grid built from them is the area mean the {@link GrayImage} rule asks
 * for (blocks cut by a cell edge count as uniform). The scale is the smallest of 1/8, 1/4, 1/2 and 1/1 that leaves
 * at least {@link #PER_CELL} decoded pixels per cell on the shorter side. JPEG's Y channel is BT.601 luma of the
 * gamma-encoded samples, the rule's own. Stateless.
 */
final class JpegGray {
    /** Decoded pixels per grid cell and axis at least. */
    static final int PER_CELL = 2;

    private JpegGray() {
    }

    /**
     * The {@code size × size} grid of {@code jpeg[0 .. length)}, or {@code null} when TurboJPEG is missing or cannot
     * decode this file (CMYK, 12-bit, damaged): the caller then uses ImageIO, which says what is wrong.
     *
     * @throws IOException when the header claims too many pixels
     */
    static GrayImage decode(byte[] jpeg, int length, int size) throws IOException {
        if (!TurboJpeg.available()) {
            return null;
        }
        try {
            TurboJpeg.Pixels gray = TurboJpeg.gray(jpeg, length, header -> {
                if (header.width() <= 0 || header.height() <= 0 || !header.greyable()) {
                    return 0;
                }
                Limits.check("JPEG", header.width(), header.height());
                return eighths(header.width(), header.height(), size);
            });
            return gray == null ? null : grid(gray, size);
        } catch (TurboJpeg.Failure e) {
            return null;
        }
    }

    /**
     * The grid of a scaled decode, each decoded pixel standing for the source pixels it was computed from: at
     * {@code e}/8 scale, pixel {@code i} covers source columns {@code [8i/e, 8(i+1)/e)}, the last one only up to the
     * image's edge. Stretching the pixels back over the source geometry (nearest neighbour) before the area means
     * keeps a partial last block from shifting every cell; it costs one pass over source-sized rows of bytes, so it is
     * only done when a side is not a multiple of 8/e (generators' sizes are multiples of 8).
     */
    static GrayImage grid(TurboJpeg.Pixels gray, int size) {
        int width = gray.header().width();
        int height = gray.header().height();
        int eighths = gray.eighths();
        if (width * eighths % 8 == 0 && height * eighths % 8 == 0) {
            return exactGrid(gray, size); // every decoded pixel covers the same source area: no stretching needed
        }
        AreaGrid grid = new AreaGrid(width, height, size, size);
        byte[] row = new byte[width + 1]; // AreaGrid takes PNG's layout: a leading filter byte
        int[] srcX = new int[width];
        for (int x = 0; x < width; x++) {
            srcX[x] = Math.min(gray.width() - 1, x * eighths / 8);
        }
        int last = -1;
        for (int y = 0; y < height; y++) {
            int sy = Math.min(gray.height() - 1, y * eighths / 8);
            if (sy != last) {
                int base = sy * gray.width();
                for (int x = 0; x < width; x++) {
                    row[x + 1] = gray.pixels()[base + srcX[x]];
                }
                last = sy;
            }
            grid.addSampleRow(row, 1);
        }
        return grid.result();
    }

    private static GrayImage exactGrid(TurboJpeg.Pixels gray, int size) {
        AreaGrid grid = new AreaGrid(gray.width(), gray.height(), size, size);
        byte[] row = new byte[gray.width() + 1];
        for (int y = 0; y < gray.height(); y++) {
            System.arraycopy(gray.pixels(), y * gray.width(), row, 1, gray.width());
            grid.addSampleRow(row, 1);
        }
        return grid.result();
    }

    /** The smallest power-of-two scale, in eighths, keeping {@link #PER_CELL} pixels per cell on the shorter side. */
    static int eighths(int width, int height, int size) {
        int shorter = Math.min(width, height);
        for (int e = 1; e < 8; e *= 2) {
            if (TurboJpeg.scaled(shorter, e) >= PER_CELL * size) {
                return e;
            }
        }
        return 8;
    }
}
