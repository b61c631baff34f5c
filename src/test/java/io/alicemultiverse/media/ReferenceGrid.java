package io.alicemultiverse.media;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A slow, independent statement of the {@link GrayImage} rule for tests: luminance straight from an ImageIO-decoded
 * raster, and each cell's mean computed from its real-valued rectangle.
 */
final class ReferenceGrid {
    private ReferenceGrid() {
    }

    static float[] luma(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        float[] out = new float[w * h];
        int bands = r.getNumBands();
        float scale = 255f / ((1 << r.getSampleModel().getSampleSize(0)) - 1);
        int[] s = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, s);
                float v;
                float alpha = 1;
                if (img.getColorModel() instanceof IndexColorModel icm) {
                    int p = icm.getRGB(s[0]);
                    v = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
                    alpha = (p >>> 24) / 255f;
                } else if (bands <= 2) {
                    v = s[0] * scale;
                    alpha = bands == 2 ? s[1] * scale / 255f : 1;
                } else {
                    v = (0.299f * s[0] + 0.587f * s[1] + 0.114f * s[2]) * scale;
                    alpha = bands == 4 ? s[3] * scale / 255f : 1;
                }
                out[y * w + x] = 255f + alpha * (v - 255f);
            }
        }
        return out;
    }

    static float[] grid(BufferedImage img, int size) {
        return grid(luma(img), img.getWidth(), img.getHeight(), size);
    }

    static float[] grid(float[] lum, int w, int h, int size) {
        float[] out = new float[size * size];
        for (int cy = 0; cy < size; cy++) {
            double y0 = (double) cy * h / size;
            double y1 = (double) (cy + 1) * h / size;
            for (int cx = 0; cx < size; cx++) {
                double x0 = (double) cx * w / size;
                double x1 = (double) (cx + 1) * w / size;
                double sum = 0;
                double area = 0;
                for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
                    double fy = Math.min(y + 1, y1) - Math.max(y, y0);
                    for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                        double f = fy * (Math.min(x + 1, x1) - Math.max(x, x0));
                        sum += f * lum[y * w + x];
                        area += f;
                    }
                }
                out[cy * size + cx] = (float) (sum / area);
            }
        }
        return out;
    }

    static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static double meanDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
