package io.alicemultiverse.similar;

import io.alicemultiverse.media.PngScanlines;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * Full decodes of images for the "same pixels" question, and their comparison. Decodes run on several threads at
 * once (duplicate groups are settled in parallel), within a budget of pixels held in memory, so a few large
 * pictures cannot exhaust the heap however many cores there are. Thread-safe.
 */
final class Pixels {
    /** Pixels decoded at once over all threads (4 bytes each: 256 MB). */
    private static final int BUDGET = 64 << 20;
    private static final Semaphore HELD = new Semaphore(BUDGET, true);

    private Pixels() {
    }

    /** Work that holds decoded pictures. */
    interface Work<T> {
        T run();
    }

    /**
     * Runs {@code work}, which will hold about {@code pixels} decoded pixels at once, when the budget allows (a
     * thread asks once for all it will hold, so two threads never wait on each other's pictures).
     */
    static <T> T within(long pixels, Work<T> work) {
        int permits = (int) Math.min(BUDGET, Math.max(1L, pixels));
        HELD.acquireUninterruptibly(permits);
        try {
            return work.run();
        } finally {
            HELD.release(permits);
        }
    }

    /** {@code file} decoded, or null when it cannot be. */
    static BufferedImage decode(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A PNG's pixels without decoding them to a raster: what gives the samples their meaning (size, colour type,
     * bit depth, palette, transparency) and a SHA-256 of its unfiltered scanlines. Two PNGs with one {@code layout}
     * hold the same pixels exactly when their {@code rows} are equal; two with different layouts may still (RGB
     * and opaque RGBA, say) and are compared by decoding.
     */
    record PngPixels(String layout, String rows) {
    }

    /**
     * {@code file}'s {@link PngPixels}, about twice as fast as ImageIO's decode and holding two scanlines; null for
     * an interlaced, 16-bit (ImageIO reduces it to 8 bits), truncated or unreadable PNG (then decode).
     */
    static PngPixels png(Path file) {
        try {
            java.security.MessageDigest rows = java.security.MessageDigest.getInstance("SHA-256");
            PngScanlines.Header[] seen = {null};
            int read = PngScanlines.readAll(file, new PngScanlines.Sink() {
                @Override
                public void header(PngScanlines.Header h) throws IOException {
                    if (h.bitDepth() > 8) {
                        throw new IOException("16 bits a sample: compared by decoding");
                    }
                    seen[0] = h;
                }

                @Override
                public boolean row(byte[] scanline, int y) {
                    rows.update(scanline, 1, scanline.length - 1);
                    return true;
                }
            });
            PngScanlines.Header h = seen[0];
            if (read < 0 || h == null || read != h.height()) {
                return null;
            }
            java.util.HexFormat hex = java.util.HexFormat.of();
            String layout = h.width() + "x" + h.height() + "/" + h.colorType() + "/" + h.bitDepth() + "/"
                    + (h.plte() == null ? "-" : hex.formatHex(h.plte())) + "/"
                    + (h.trns() == null ? "-" : hex.formatHex(h.trns()));
            return new PngPixels(layout, hex.formatHex(rows.digest()));
        } catch (IOException | RuntimeException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    /**
     * Whether the files {@code a} and {@code b} hold the same pixels: from their scanlines when both are PNGs of
     * one layout, else by decoding them ({@code pngA}: {@code a}'s {@link PngPixels}, null when it has none).
     */
    static boolean same(Path a, PngPixels pngA, Path b, boolean bIsPng) {
        PngPixels pngB = pngA != null && bIsPng ? png(b) : null;
        if (pngB != null && pngA.layout().equals(pngB.layout())) {
            return pngA.rows().equals(pngB.rows());
        }
        return same(decode(a), decode(b));
    }

    /** Whether two decoded pictures hold the same pixels (false when either is missing). */
    static boolean same(BufferedImage x, BufferedImage y) {
        if (x == null || y == null || x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
            return false;
        }
        int w = x.getWidth();
        int[] rowX = new int[w];
        int[] rowY = new int[w];
        for (int r = 0; r < x.getHeight(); r++) {
            x.getRGB(0, r, w, 1, rowX, 0, w);
            y.getRGB(0, r, w, 1, rowY, 0, w);
            if (!Arrays.equals(rowX, rowY)) {
                return false;
            }
        }
        return true;
    }
}
