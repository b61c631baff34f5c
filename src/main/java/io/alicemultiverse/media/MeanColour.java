package io.alicemultiverse.media;

import javax.imageio.ImageReadParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The mean colour of a still image, packed as {@code 0xRRGGBB}: what tells apart two flat pictures (solid red and a
 * grey as bright) whose greyscale hashes are the same. Each channel is the mean of the file's gamma-encoded samples
 * scaled to 8 bits, alpha composited over white — the {@link GrayImage} rule per channel, so the luma of the mean is
 * the mean of the grid. Decoded as {@link HashGrid} decodes the grid: PNG streamed row by row (exact), JPEG through
 * TurboJPEG at 1/8 scale (exact block means), WebP through libwebp (exact), AVIF/HEIC/JPEG XL through ffmpeg's area
 * scaling; other formats, and what those refuse, through ImageIO taking every n-th pixel so that at least 128 remain
 * a side (close to the mean, as the grid's ImageIO path is). Only flat pictures need it ({@code hash.ImageHashes}),
 * so it is a second decode of those few, not part of every grid's. Stateless and thread-safe.
 */
public final class MeanColour {
    /** Pixels a side at least when ImageIO subsamples (as many as the grid's ImageIO path keeps). */
    private static final int SUBSAMPLED_SIDE = 128;

    private MeanColour() {
    }

    /**
     * The mean colour of {@code file}, {@code 0xRRGGBB}.
     *
     * @param content the file's bytes when the caller already read them, else null
     * @throws IOException when the file cannot be decoded, or is not a still image
     */
    public static int of(Path file, byte[] content, MediaFormat format) throws IOException {
        return sum(file, content, format).mean();
    }

    /**
     * How colourful {@code file} is: the mean over its pixels of the spread between the largest and the smallest of
     * the three channels (0..255, composited over white as for {@link #of}; a JPEG's 8 × 8 block means). A greyscale
     * picture, or a colour one whose channels are all equal, has 0; a desaturated copy of a colour picture stays
     * below {@link #GREY_CHROMA} while even a muted colour one (sepia) lies well above it.
     *
     * @throws IOException when the file cannot be decoded, or is not a still image
     */
    public static double chroma(Path file, byte[] content, MediaFormat format) throws IOException {
        return sum(file, content, format).chroma();
    }

    /** Below this {@link #chroma} a picture is greyscale: lossy encoding leaves a grey picture a little tint. */
    public static final double GREY_CHROMA = 2.0;

    private static Sum sum(Path file, byte[] content, MediaFormat format) throws IOException {
        byte[] bytes = content;
        switch (format) {
            case PNG: {
                Sum png = png(file, content);
                return png != null ? png : imageIo(file, content, format);
            }
            case JPEG: {
                if (bytes == null && TurboJpeg.available()) {
                    bytes = Files.readAllBytes(file);
                }
                Sum jpeg = bytes == null ? null : jpeg(bytes);
                return jpeg != null ? jpeg : imageIo(file, bytes, format);
            }
            case WEBP: {
                if (bytes == null && WebpGray.available()) {
                    bytes = Files.readAllBytes(file);
                }
                Sum sum = new Sum();
                if (bytes != null && WebpGray.rgba(bytes, bytes.length, sum)) {
                    return sum;
                }
                return imageIo(file, bytes, format);
            }
            case GIF: case BMP: case TIFF:
                return imageIo(file, content, format);
            case AVIF: case HEIC: case JXL: {
                int side = HashGrid.HASH_SIZE * ImageIoGray.OVERSAMPLE;
                byte[] rgb = FfmpegGray.rgb(file, side, 0);
                Sum sum = new Sum();
                for (int i = 0; i < rgb.length; i += 3) {
                    sum.add(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF, 1);
                }
                return sum;
            }
            default:
                throw new IOException("not a still image format that can be decoded: " + format.id());
        }
    }

    /** Streamed row by row; null when the PNG is interlaced (ImageIO then reads it). */
    private static Sum png(Path file, byte[] content) throws IOException {
        PngColour sink = new PngColour();
        int rows = content != null ? PngScanlines.readAll(content, sink) : PngScanlines.readAll(file, sink);
        if (rows < 0) {
            return null;
        }
        if ((long) rows * 10 < (long) sink.height * 9) {
            throw new IOException("truncated or corrupt PNG: " + rows + " of " + sink.height + " rows decoded");
        }
        return sink.sum;
    }

    /** Each scanline's colours into the sum. */
    private static final class PngColour implements PngScanlines.Sink {
        final Sum sum = new Sum();
        int height;
        private PngRows rows;
        private float[] rgb;

        @Override
        public void header(PngScanlines.Header h) {
            height = h.height();
            rows = new PngRows(h.width(), h.colorType(), h.bitDepth(), h.plte(), h.trns());
            rgb = new float[3 * h.width()];
        }

        @Override
        public boolean row(byte[] scanline, int y) {
            rows.toColour(scanline, rgb);
            for (int i = 0; i < rgb.length; i += 3) {
                sum.add(rgb[i], rgb[i + 1], rgb[i + 2], 1);
            }
            return true;
        }
    }

    /**
     * TurboJPEG at 1/8 scale, each pixel a block's mean weighted by the share of the block inside the image (the
     * last column and row of blocks may be cut); null when TurboJPEG is missing or refuses the file.
     */
    private static Sum jpeg(byte[] bytes) throws IOException {
        TurboJpeg.Pixels rgb;
        try {
            rgb = TurboJpeg.rgb(bytes, bytes.length, header -> {
                if (header.width() <= 0 || header.height() <= 0 || !header.greyable()) {
                    return 0;
                }
                Limits.check("JPEG", header.width(), header.height());
                return 1;
            });
        } catch (TurboJpeg.Failure e) {
            return null;
        }
        if (rgb == null) {
            return null;
        }
        int width = rgb.header().width();
        int height = rgb.header().height();
        byte[] p = rgb.pixels();
        Sum sum = new Sum();
        for (int y = 0, i = 0; y < rgb.height(); y++) {
            int rowWeight = Math.min(8, height - 8 * y);
            for (int x = 0; x < rgb.width(); x++, i += 3) {
                sum.add(p[i] & 0xFF, p[i + 1] & 0xFF, p[i + 2] & 0xFF, rowWeight * Math.min(8, width - 8 * x));
            }
        }
        return sum;
    }

    /** ImageIO, subsampled to at least {@value #SUBSAMPLED_SIDE} pixels a side. */
    private static Sum imageIo(Path file, byte[] content, MediaFormat format) throws IOException {
        Sum mean;
        try {
            if (content != null) {
                try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
                    mean = ImageIoReaders.withFirst(in, reader -> read(reader, format));
                }
            } else {
                mean = ImageIoReaders.withFirst(file, reader -> read(reader, format));
            }
        } catch (RuntimeException | LinkageError e) {
            // ImageIO plugins throw unchecked exceptions on damaged data; bad input is an IOException here
            throw new IOException("cannot decode " + format.id() + ": " + e, e);
        }
        if (mean == null) {
            throw new IOException("no ImageIO reader for this " + format.id() + " file");
        }
        return mean;
    }

    private static Sum read(javax.imageio.ImageReader reader, MediaFormat format) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        Limits.check(format.id().toUpperCase(Locale.ROOT), w, h);
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.min(w, h) / SUBSAMPLED_SIDE);
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage img = reader.read(0, param);
        Sum sum = new Sum();
        if (!rawSamples(img, sum)) {
            int[] argb = new int[img.getWidth()];
            for (int y = 0; y < img.getHeight(); y++) {
                img.getRGB(0, y, argb.length, 1, argb, 0, argb.length);
                for (int p : argb) {
                    float a = (p >>> 24) / 255f;
                    sum.add(Luma.overWhite((p >> 16) & 0xFF, a), Luma.overWhite((p >> 8) & 0xFF, a),
                            Luma.overWhite(p & 0xFF, a), 1);
                }
            }
        }
        return sum;
    }

    /**
     * The samples of a plain grey or RGB image as stored (gamma-encoded, as PNG's are), like {@code ImageIoGray}:
     * false for other colour models, which go through sRGB.
     */
    private static boolean rawSamples(BufferedImage img, Sum sum) {
        if (!(img.getColorModel() instanceof ComponentColorModel ccm) || ccm.getTransferType() == DataBuffer.TYPE_FLOAT
                || ccm.getTransferType() == DataBuffer.TYPE_DOUBLE) {
            return false;
        }
        int type = ccm.getColorSpace().getType();
        int colours = ccm.getNumColorComponents();
        boolean alpha = ccm.hasAlpha() && !ccm.isAlphaPremultiplied();
        Raster r = img.getRaster();
        if (!(type == ColorSpace.TYPE_GRAY && colours == 1 || type == ColorSpace.TYPE_RGB && colours == 3)
                || r.getNumBands() != colours + (alpha ? 1 : 0) || !alpha && ccm.hasAlpha()) {
            return false;
        }
        float scale = 255f / ((1 << ccm.getComponentSize(0)) - 1);
        int bands = r.getNumBands();
        int w = img.getWidth();
        int[] s = new int[w * bands];
        for (int y = 0; y < img.getHeight(); y++) {
            r.getPixels(0, y, w, 1, s);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                float a = alpha ? s[i + colours] * scale / 255f : 1;
                float red = s[i] * scale;
                float green = colours == 1 ? red : s[i + 1] * scale;
                float blue = colours == 1 ? red : s[i + 2] * scale;
                sum.add(Luma.overWhite(red, a), Luma.overWhite(green, a), Luma.overWhite(blue, a), 1);
            }
        }
        return true;
    }

    /** Weighted sums of the three channels; RGBA rows composite over white. */
    private static final class Sum implements WebpGray.RgbaRows {
        private double r;
        private double g;
        private double b;
        private double weight;
        private double spread;

        void add(double red, double green, double blue, double w) {
            r += red * w;
            g += green * w;
            b += blue * w;
            spread += (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue))) * w;
            weight += w;
        }

        /** The mean channel spread ({@link MeanColour#chroma}). */
        double chroma() throws IOException {
            if (weight <= 0) {
                throw new IOException("no pixels decoded");
            }
            return spread / weight;
        }

        @Override
        public void start(int width, int height) {
        }

        @Override
        public void row(byte[] rgba) {
            for (int i = 0; i < rgba.length; i += 4) {
                float a = (rgba[i + 3] & 0xFF) / 255f;
                add(Luma.overWhite(rgba[i] & 0xFF, a), Luma.overWhite(rgba[i + 1] & 0xFF, a),
                        Luma.overWhite(rgba[i + 2] & 0xFF, a), 1);
            }
        }

        /** The mean, each channel rounded to 0..255 and packed {@code 0xRRGGBB}. */
        int mean() throws IOException {
            if (weight <= 0) {
                throw new IOException("no pixels decoded");
            }
            return channel(r) << 16 | channel(g) << 8 | channel(b);
        }

        private int channel(double total) {
            return (int) Math.max(0, Math.min(255, Math.round(total / weight)));
        }
    }
}
