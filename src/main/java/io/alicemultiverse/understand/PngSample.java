package io.alicemultiverse.understand;

import io.alicemultiverse.media.PngScanlines;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * PNG pixels for understanding: the scanline reader of {@code media} (libdeflate when installed, else a streaming
 * inflate; two rows in memory) keeping every {@code step}-th pixel of every {@code step}-th row as 8-bit RGB, alpha
 * over white. The local analyzer gets a small sample (the same one {@link Pixels} gets from ImageIO subsampling);
 * {@link ImagePrep} gets the full picture as an RGB-ordered byte raster, which ImageIO's JPEG writer takes without
 * converting it (4.6 ms for a 1024² image, against 8.6 ms for {@code TYPE_3BYTE_BGR} and 17.6 ms for
 * {@code TYPE_INT_RGB}). 8- and 16-bit grey, grey+alpha, RGB, RGBA and 8-bit palette images; anything else (low bit
 * depths, interlacing) returns null so the caller uses ImageIO. Not thread-safe; one instance per file.
 */
final class PngSample implements PngScanlines.Sink {
    /** The sampling step for an image of the given width and height. */
    private final java.util.function.IntBinaryOperator stepFor;
    private PngScanlines.Header header;
    private int step;
    private int width;
    private int height;
    /** 3 bytes a kept pixel, row by row. */
    private byte[] rgb;
    private boolean unsupported;

    private PngSample(java.util.function.IntBinaryOperator stepFor) {
        this.stepFor = stepFor;
    }

    /**
     * The sample with about {@code side} pixels on the short side (the local analyzer's), or null when this PNG is
     * not one this reader handles.
     */
    static Pixels read(Path file, int side) throws IOException {
        PngSample s = sample(file, (w, h) -> Math.max(1, Math.min(w, h) / side));
        if (s == null) {
            return null;
        }
        int[] packed = new int[s.width * s.height];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            packed[i] = ((s.rgb[j] & 0xFF) << 16) | ((s.rgb[j + 1] & 0xFF) << 8) | (s.rgb[j + 2] & 0xFF);
        }
        return new Pixels(s.width, s.height, packed, s.header.width(), s.header.height());
    }

    /**
     * The picture as an opaque RGB image: every pixel, or every n-th when the long side is more than twice
     * {@code maxSide} (so never fewer than {@code 2 × maxSide} on the long side, as {@link ImagePrep} subsamples
     * before scaling); null when this PNG is not one this reader handles.
     */
    static BufferedImage image(Path file, int maxSide) throws IOException {
        PngSample s = sample(file, (w, h) -> Math.max(1, Math.max(w, h) / (2 * maxSide)));
        if (s == null) {
            return null;
        }
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(s.rgb, s.rgb.length), s.width,
                s.height, s.width * 3, 3, new int[]{0, 1, 2}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static PngSample sample(Path file, java.util.function.IntBinaryOperator stepFor) throws IOException {
        PngSample s = new PngSample(stepFor);
        int rows = PngScanlines.readAll(file, s);
        if (rows < 0 || s.unsupported) {
            return null;
        }
        if ((long) rows * 10 < (long) s.header.height() * 9) {
            throw new IOException("truncated or corrupt PNG: " + rows + " of " + s.header.height() + " rows");
        }
        return s;
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
        step = stepFor.applyAsInt(h.width(), h.height());
        width = (h.width() + step - 1) / step;
        height = (h.height() + step - 1) / step;
        rgb = new byte[width * height * 3];
    }

    @Override
    public boolean row(byte[] line, int y) {
        if (unsupported) {
            return false;
        }
        if (y % step != 0) {
            return true;
        }
        int out = (y / step) * width * 3;
        int type = header.colorType();
        if (step == 1 && type == 2 && header.bitDepth() == 8) {
            System.arraycopy(line, 1, rgb, out, width * 3); // the common generator output, as it is
            return true;
        }
        int channels = header.channels();
        int bps = header.bitDepth() / 8; // bytes per sample; for 16-bit the high byte is taken
        byte[] plte = header.plte();
        byte[] trns = header.trns();
        for (int x = 0; x < header.width(); x += step, out += 3) {
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
            rgb[out] = (byte) r;
            rgb[out + 1] = (byte) g;
            rgb[out + 2] = (byte) b;
        }
        return true;
    }
}
