package io.alicemultiverse.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes JPEG, WebP, GIF, BMP, TIFF (and interlaced PNG) with ImageIO, asking the reader to subsample so the decoded
 * image is only a little larger than the grid (at least 4 pixels per cell and axis), then area-averages it. JPEG and
 * WebP readers come from TwelveMonkeys when it is on the class path (CMYK and odd JPEGs). Subsampling takes every
 * n-th pixel, so these grids approximate the exact area mean that PNG and the fallback get. Stateless.
 */
final class ImageIoGray {
    /** Decoded pixels per grid cell and axis at least, when subsampling. */
    static final int OVERSAMPLE = 4;

    private ImageIoGray() {
    }

    static GrayImage decode(Path file, MediaFormat format, int size) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            return decode(in, format, size);
        }
    }

    /** Like {@link #decode(Path, MediaFormat, int)} for a file already in memory, {@code bytes[0 .. length)}. */
    static GrayImage decode(byte[] bytes, int length, MediaFormat format, int size) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, 0, length))) {
            return decode(in, format, size);
        }
    }

    private static GrayImage decode(ImageInputStream in, MediaFormat format, int size) throws IOException {
        GrayImage grid;
        try {
            grid = ImageIoReaders.withFirst(in, reader -> {
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                Limits.check(format.id().toUpperCase(java.util.Locale.ROOT), w, h);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(w, h, size);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return toGrid(reader.read(0, param), size);
            });
        } catch (RuntimeException | LinkageError e) {
            // ImageIO plugins throw unchecked exceptions on damaged data; bad input is an IOException here
            throw new IOException("cannot decode " + format.id() + ": " + e, e);
        }
        if (grid == null) {
            throw new IOException("no ImageIO reader for this " + format.id() + " file");
        }
        return grid;
    }

    /** The largest step that keeps at least {@link #OVERSAMPLE} decoded pixels per cell on both axes. */
    static int subsampling(int width, int height, int size) {
        return Math.max(1, Math.min(width, height) / (OVERSAMPLE * size));
    }

    /** Area-averages a decoded image into a {@code size × size} grid by the {@link Luma} rule. */
    static GrayImage toGrid(BufferedImage img, int size) {
        int w = img.getWidth();
        int h = img.getHeight();
        AreaGrid grid = new AreaGrid(w, h, size, size);
        float[] lum = new float[w];
        RowReader rows = rowReader(img);
        for (int y = 0; y < h; y++) {
            rows.read(y, lum);
            grid.addRow(lum);
        }
        return grid.result();
    }

    private interface RowReader {
        void read(int y, float[] out);
    }

    /** Reads raw samples for plain grey/RGB images (gamma-encoded, as PNG does), else sRGB through the colour model. */
    private static RowReader rowReader(BufferedImage img) {
        Raster r = img.getRaster();
        int w = img.getWidth();
        if (img.getColorModel() instanceof IndexColorModel icm) {
            int[] idx = new int[w];
            return (y, out) -> {
                r.getSamples(0, y, w, 1, 0, idx);
                for (int x = 0; x < w; x++) {
                    int argb = icm.getRGB(idx[x]);
                    out[x] = Luma.overWhite(Luma.of((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF),
                            (argb >>> 24) / 255f);
                }
            };
        }
        if (img.getColorModel() instanceof ComponentColorModel ccm && ccm.getTransferType() != java.awt.image.DataBuffer.TYPE_FLOAT
                && ccm.getTransferType() != java.awt.image.DataBuffer.TYPE_DOUBLE) {
            int type = ccm.getColorSpace().getType();
            int colours = ccm.getNumColorComponents();
            boolean alpha = ccm.hasAlpha() && !ccm.isAlphaPremultiplied();
            if ((type == ColorSpace.TYPE_GRAY && colours == 1 || type == ColorSpace.TYPE_RGB && colours == 3)
                    && r.getNumBands() == colours + (alpha ? 1 : 0) && (alpha || !ccm.hasAlpha())) {
                float scale = 255f / ((1 << ccm.getComponentSize(0)) - 1);
                int bands = r.getNumBands();
                int[] s = new int[w * bands];
                return (y, out) -> {
                    r.getPixels(0, y, w, 1, s);
                    for (int x = 0, i = 0; x < w; x++, i += bands) {
                        float v = colours == 1 ? s[i] * scale
                                : (Luma.KR * s[i] + Luma.KG * s[i + 1] + Luma.KB * s[i + 2]) * scale;
                        out[x] = alpha ? Luma.overWhite(v, s[i + colours] * scale / 255f) : v;
                    }
                };
            }
        }
        int[] argb = new int[w];
        return (y, out) -> {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                out[x] = Luma.overWhite(Luma.of((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF), (p >>> 24) / 255f);
            }
        };
    }
}
