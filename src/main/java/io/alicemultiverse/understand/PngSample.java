package io.alicemultiverse.understand;

import io.alicemultiverse.media.PngScanlines;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local analyzer's PNG path: the streaming scanline reader of {@code media} (inflate and unfilter, two rows in
 * memory) keeping every {@code step}-th pixel of every {@code step}-th row as RGB, alpha over white — the same sample
 * {@link Pixels} gets from ImageIO subsampling, without ImageIO building the full-size raster. 8- and 16-bit grey,
 * grey+alpha, RGB, RGBA and 8-bit palette images; anything else (low bit depths, interlacing) returns null so the
 * caller uses ImageIO. Not thread-safe; one instance per file.
 */
final class PngSample implements PngScanlines.Sink {
    private final int side;
    private PngScanlines.Header header;
    private int step;
    private int width;
    private int height;
    private int[] rgb;
    private boolean unsupported;

    private PngSample(int side) {
        this.side = side;
    }

    /** The sample, or null when this PNG is not one this reader handles. */
    static Pixels read(Path file, int side) throws IOException {
        PngSample s = new PngSample(side);
        int rows = PngScanlines.readAll(file, s);
        if (rows < 0 || s.unsupported) {
            return null;
        }
        if ((long) rows * 10 < (long) s.header.height() * 9) {
            throw new IOException("truncated or corrupt PNG: " + rows + " of " + s.header.height() + " rows");
        }
        return new Pixels(s.width, s.height, s.rgb, s.header.width(), s.header.height());
    }

    @Override
    public void header(PngScanlines.Header h) throws IOException {
        header = h;
        int type = h.colorType();
        boolean wide = h.bitDepth() == 8 || h.bitDepth() == 16;
        if (!(wide && type != 3 || type == 3 && h.bitDepth() == 8)) {
            unsupported = true;
            return;
        }
        if ((long) h.width() * h.height() > Pixels.MAX_PIXELS) {
            throw new IOException("image size " + h.width() + "x" + h.height() + " outside the accepted range");
        }
        step = Math.max(1, Math.min(h.width(), h.height()) / side);
        width = (h.width() + step - 1) / step;
        height = (h.height() + step - 1) / step;
        rgb = new int[width * height];
    }

    @Override
    public boolean row(byte[] line, int y) {
        if (unsupported) {
            return false;
        }
        if (y % step != 0) {
            return true;
        }
        int out = (y / step) * width;
        int channels = header.channels();
        int bps = header.bitDepth() / 8; // bytes per sample; for 16-bit the high byte is taken
        int type = header.colorType();
        byte[] plte = header.plte();
        byte[] trns = header.trns();
        for (int x = 0, k = 0; x < header.width(); x += step, k++) {
            int p = 1 + x * channels * bps;
            int r;
            int g;
            int b;
            int a = 255;
            switch (type) {
                case 0: r = g = b = line[p] & 0xFF; break;
                case 4: r = g = b = line[p] & 0xFF; a = line[p + bps] & 0xFF; break;
                case 2: r = line[p] & 0xFF; g = line[p + bps] & 0xFF; b = line[p + 2 * bps] & 0xFF; break;
                case 6:
                    r = line[p] & 0xFF; g = line[p + bps] & 0xFF; b = line[p + 2 * bps] & 0xFF;
                    a = line[p + 3 * bps] & 0xFF;
                    break;
                default: { // palette
                    int i = line[p] & 0xFF;
                    if (plte != null && i * 3 + 2 < plte.length) {
                        r = plte[i * 3] & 0xFF; g = plte[i * 3 + 1] & 0xFF; b = plte[i * 3 + 2] & 0xFF;
                    } else {
                        r = g = b = 0;
                    }
                    if (trns != null && i < trns.length) {
                        a = trns[i] & 0xFF;
                    }
                }
            }
            if (a < 255) {
                r = (r * a + 255 * (255 - a)) / 255;
                g = (g * a + 255 * (255 - a)) / 255;
                b = (b * a + 255 * (255 - a)) / 255;
            }
            rgb[out + k] = (r << 16) | (g << 8) | b;
        }
        return true;
    }
}
