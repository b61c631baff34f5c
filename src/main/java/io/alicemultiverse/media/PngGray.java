package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes a non-interlaced PNG straight into a small {@link AreaGrid}: each scanline from {@link PngScanlines} is
 * turned into luminance and added to the grid, so only two scanlines and the grid live in memory.
 *
 * <p>Written by hand, not delegated to ImageIO, because ImageIO builds the full-size raster (3 bytes a pixel for RGB,
 * so 300 MB at the 100-megapixel limit) and then needs a second full pass to reduce it. Inflating is the floor for any
 * PNG decoder; on a noisy, adaptively filtered 1024² RGB PNG this pass measured about 1.5× that floor and ImageIO's
 * decode alone about 1.7× (see {@code HashBenchmark}). Every colour type and bit depth of the PNG specification is
 * handled; Adam7 interlaced files return {@code null} so the caller can use ImageIO. CRCs are not checked (ImageIO does
 * not either); a colour-key tRNS for grey/RGB images is ignored (treated as opaque), a palette tRNS is applied.
 * Stateless.
 */
final class PngGray {
    private PngGray() {
    }

    /**
     * The {@code size × size} grid of {@code file}, or {@code null} when it is interlaced.
     *
     * @throws IOException when the file cannot be read, is not a PNG, claims too many pixels, or holds fewer than
     *                     90% of its rows
     */
    static GrayImage decode(Path file, int size) throws IOException {
        GridSink sink = new GridSink(size);
        return result(sink, PngScanlines.readAll(file, sink));
    }

    /** {@link #decode(Path, int)} for a file whose bytes were already read. */
    static GrayImage decode(byte[] png, int size) throws IOException {
        GridSink sink = new GridSink(size);
        return result(sink, PngScanlines.readAll(png, sink));
    }

    private static GrayImage result(GridSink sink, int rows) throws IOException {
        if (rows < 0) {
            return null;
        }
        int height = sink.header.height();
        if ((long) rows * 10 < (long) height * 9) {
            throw new IOException("truncated or corrupt PNG: " + rows + " of " + height + " rows decoded");
        }
        return sink.grid.result();
    }

    /** Luminance rows into the area grid. */
    private static final class GridSink implements PngScanlines.Sink {
        private final int size;
        private PngScanlines.Header header;
        private PngRows rows;
        private AreaGrid grid;
        private float[] lum;
        /** Samples a pixel (1 to 4) of 8-bit images, which the grid sums directly; 0 for the per-pixel luma path. */
        private int samples;

        GridSink(int size) {
            this.size = size;
        }

        @Override
        public void header(PngScanlines.Header h) {
            header = h;
            rows = new PngRows(h.width(), h.colorType(), h.bitDepth(), h.plte(), h.trns());
            grid = new AreaGrid(h.width(), h.height(), size, size);
            lum = new float[h.width()];
            samples = h.bitDepth() != 8 || h.colorType() == 3 ? 0 : h.channels(); // palette: through its levels
        }

        @Override
        public boolean row(byte[] scanline, int y) {
            if (samples > 0) {
                grid.addSampleRow(scanline, samples);
            } else {
                rows.toLuma(scanline, lum);
                grid.addRow(lum);
            }
            return true;
        }
    }
}
