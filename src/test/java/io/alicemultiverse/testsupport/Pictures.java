package io.alicemultiverse.testsupport;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Generates photo-like test pictures from a seed: smooth gradients, soft shapes and pixel noise. */
public final class Pictures {
    private Pictures() {
    }

    /** A {@code width × height} RGB picture; {@code noise} is the amplitude (±) of per-channel uniform noise. */
    public static BufferedImage photo(long seed, int width, int height, int noise) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(r.nextFloat() * width, 0, color(r), r.nextFloat() * width, height, color(r)));
        g.fillRect(0, 0, width, height);
        int shapes = 6 + r.nextInt(6);
        for (int i = 0; i < shapes; i++) {
            float x = r.nextFloat() * width;
            float y = r.nextFloat() * height;
            float w = (0.1f + r.nextFloat() * 0.4f) * width;
            float h = (0.1f + r.nextFloat() * 0.4f) * height;
            g.setPaint(new GradientPaint(x, y, color(r), x + w, y + h, color(r)));
            if (r.nextBoolean()) {
                g.fill(new Ellipse2D.Float(x - w / 2, y - h / 2, w, h));
            } else {
                g.fill(new RoundRectangle2D.Float(x - w / 2, y - h / 2, w, h, w / 4, h / 4));
            }
            g.setStroke(new BasicStroke(1 + r.nextFloat() * width / 100f));
            g.setColor(color(r));
            g.drawLine((int) x, (int) y, r.nextInt(width), r.nextInt(height));
        }
        g.dispose();
        if (noise > 0) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = img.getRGB(x, y);
                    int red = clamp(((p >> 16) & 0xFF) + r.nextInt(2 * noise + 1) - noise);
                    int green = clamp(((p >> 8) & 0xFF) + r.nextInt(2 * noise + 1) - noise);
                    int blue = clamp((p & 0xFF) + r.nextInt(2 * noise + 1) - noise);
                    img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                }
            }
        }
        return img;
    }

    private static Color color(Random r) {
        return new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
