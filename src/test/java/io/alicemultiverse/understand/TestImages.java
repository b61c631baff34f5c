package io.alicemultiverse.understand;

import io.alicemultiverse.testsupport.Pictures;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Photo-like test images for the understand tests: plain, darkened, tinted blue, blurred. */
final class TestImages {
    private TestImages() {
    }

    static BufferedImage photo(long seed, int side) {
        return Pictures.photo(seed, side, side, 12);
    }

    /** Every channel scaled by {@code factor}. */
    static BufferedImage scaled(BufferedImage src, double factor) {
        BufferedImage out = copy(src);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int p = out.getRGB(x, y);
                int r = (int) (((p >> 16) & 0xFF) * factor);
                int g = (int) (((p >> 8) & 0xFF) * factor);
                int b = (int) ((p & 0xFF) * factor);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** Mixed 75% toward a mid blue, keeping the picture's structure. */
    static BufferedImage blue(BufferedImage src) {
        BufferedImage out = copy(src);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int p = out.getRGB(x, y);
                int r = (int) (((p >> 16) & 0xFF) * 0.25 + 30 * 0.75);
                int g = (int) (((p >> 8) & 0xFF) * 0.25 + 70 * 0.75);
                int b = (int) ((p & 0xFF) * 0.25 + 200 * 0.75);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** A box blur of {@code radius} pixels. */
    static BufferedImage blurred(BufferedImage src, int radius) {
        int n = 2 * radius + 1;
        float[] k = new float[n * n];
        Arrays.fill(k, 1f / (n * n));
        BufferedImage out = new ConvolveOp(new Kernel(n, n, k), ConvolveOp.EDGE_NO_OP, null).filter(src, null);
        return copy(out);
    }

    static Path write(BufferedImage img, Path file) {
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        try {
            ImageIO.write(img, format, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src, 0, 0, null);
        return out;
    }
}
