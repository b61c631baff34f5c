package io.alicemultiverse.testsupport;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mild edits a near-duplicate finder must see through (issue 18): resize, JPEG, brightness, gamma, Gaussian blur,
 * centred crop; shared by the hash tests and {@code bench.SimilarAccuracy}. Lossy WebP is {@link Ffmpeg#webp}.
 * Stateless.
 */
public final class Transforms {
    private Transforms() {
    }

    /** Bilinear resize to {@code w × h}. */
    public static BufferedImage scale(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Each channel multiplied by {@code factor}, clipped at 255. */
    public static BufferedImage brightness(BufferedImage img, double factor) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = (int) Math.min(255, Math.round(((p >> 16) & 0xFF) * factor));
                int gr = (int) Math.min(255, Math.round(((p >> 8) & 0xFF) * factor));
                int b = (int) Math.min(255, Math.round((p & 0xFF) * factor));
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    /** Each channel {@code 255 · (v / 255)^g}: below 1 brightens the midtones, above 1 darkens them. */
    public static BufferedImage gamma(BufferedImage img, double g) {
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (int) Math.round(255 * Math.pow(v / 255.0, g));
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                out.setRGB(x, y, lut[(p >> 16) & 0xFF] << 16 | lut[(p >> 8) & 0xFF] << 8 | lut[p & 0xFF]);
            }
        }
        return out;
    }

    /** Gaussian blur of standard deviation {@code sigma} pixels (separable, radius 3σ, edges repeated). */
    public static BufferedImage blur(BufferedImage img, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] src = img.getRGB(0, 0, w, h, null, 0, w);
        double[][] tmp = new double[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] acc = new double[3];
                for (int i = -r; i <= r; i++) {
                    int p = src[y * w + Math.max(0, Math.min(w - 1, x + i))];
                    for (int c = 0; c < 3; c++) {
                        acc[c] += k[i + r] * ((p >> (16 - 8 * c)) & 0xFF);
                    }
                }
                for (int c = 0; c < 3; c++) {
                    tmp[c][y * w + x] = acc[c];
                }
            }
        }
        int[] dst = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int i = -r; i <= r; i++) {
                        acc += k[i + r] * tmp[c][Math.max(0, Math.min(h - 1, y + i)) * w + x];
                    }
                    rgb |= (int) Math.max(0, Math.min(255, Math.round(acc))) << (16 - 8 * c);
                }
                dst[y * w + x] = rgb;
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, dst, 0, w);
        return out;
    }

    /** The centre {@code keep} (e.g. 0.95) of each side: a centred crop. */
    public static BufferedImage crop(BufferedImage img, double keep) {
        int cw = (int) Math.round(img.getWidth() * keep);
        int ch = (int) Math.round(img.getHeight() * keep);
        return img.getSubimage((img.getWidth() - cw) / 2, (img.getHeight() - ch) / 2, cw, ch);
    }

    public static Path png(BufferedImage img, Path to) throws IOException {
        ImageIO.write(img, "png", to.toFile());
        return to;
    }

    /** JPEG at ImageIO quality {@code quality} (0..1). */
    public static Path jpeg(BufferedImage img, float quality, Path to) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        Files.deleteIfExists(to);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(to.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return to;
    }
}
