package io.alicemultiverse.understand;

import io.alicemultiverse.media.ImageIoReaders;

import javax.imageio.ImageReadParam;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A small RGB picture of an image for the local analyzer: PNGs through {@link PngSample}, everything else through
 * ImageIO with source subsampling (every
 * n-th pixel, so the decoder converts only what is kept and sharp detail survives as it would in a thumbnail),
 * about {@code side} pixels on the short side. Immutable after construction. Alpha is composited over white.
 *
 * @param rgb    packed {@code 0xRRGGBB} values, row by row
 * @param fullWidth  the image's real width
 * @param fullHeight the image's real height
 */
record Pixels(int width, int height, int[] rgb, int fullWidth, int fullHeight) {
    /** Largest image accepted, in pixels: a bound on memory whatever the file claims. */
    static final long MAX_PIXELS = 100_000_000L;

    static Pixels read(Path file, int side) throws IOException {
        if (isPng(file)) {
            Pixels p = PngSample.read(file, side);
            if (p != null) {
                return p;
            }
        }
        Pixels pixels;
        try {
            pixels = ImageIoReaders.withFirst(file, reader -> {
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
                    throw new IOException("image size " + w + "x" + h + " outside the accepted range");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.min(w, h) / side);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage img = reader.read(0, param);
                int sw = img.getWidth();
                int sh = img.getHeight();
                int[] rgb = img.getRGB(0, 0, sw, sh, null, 0, sw);
                if (img.getColorModel().hasAlpha()) {
                    for (int i = 0; i < rgb.length; i++) {
                        rgb[i] = overWhite(rgb[i]);
                    }
                }
                return new Pixels(sw, sh, rgb, w, h);
            });
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("cannot decode the image: " + e.getClass().getSimpleName(), e);
        }
        if (pixels == null) {
            throw new IOException("not an image ImageIO can decode");
        }
        return pixels;
    }

    static boolean isPng(Path file) throws IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return head.length == 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        }
    }

    private static int overWhite(int argb) {
        int a = argb >>> 24;
        int r = ((argb >> 16) & 0xFF) * a / 255 + 255 - a;
        int g = ((argb >> 8) & 0xFF) * a / 255 + 255 - a;
        int b = (argb & 0xFF) * a / 255 + 255 - a;
        return (r << 16) | (g << 8) | b;
    }
}
