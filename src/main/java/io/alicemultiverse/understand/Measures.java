package io.alicemultiverse.understand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local analyzer measures on a small picture. Immutable.
 *
 * @param brightness mean luma in [0, 1]
 * @param contrast   standard deviation of luma in [0, 1] (RMS contrast)
 * @param saturation mean HSV saturation in [0, 1]
 * @param sharpness  log10(1 + variance of the 4-neighbour Laplacian of luma), about 0 (flat) to 4 (noisy detail)
 * @param colours    colour names covering at least {@value #MIN_SHARE} of the pixels, largest share first (at least one)
 */
record Measures(double brightness, double contrast, double saturation, double sharpness, List<String> colours) {
    static final double MIN_SHARE = 0.15;

    static Measures of(Pixels p) {
        int w = p.width();
        int h = p.height();
        int[] rgb = p.rgb();
        float[] luma = new float[rgb.length];
        double sum = 0;
        double sumSq = 0;
        double sat = 0;
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            float y = 0.299f * r + 0.587f * g + 0.114f * b;
            luma[i] = y;
            sum += y;
            sumSq += (double) y * y;
            int max = Math.max(r, Math.max(g, b));
            sat += max == 0 ? 0 : (max - Math.min(r, Math.min(g, b))) / (double) max;
            if ((i & 3) == 0) { // every fourth pixel is plenty for shares
                names.merge(ColourNames.name(r, g, b), 1, Integer::sum);
            }
        }
        int n = rgb.length;
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return new Measures(mean / 255, std / 255, sat / n, laplacian(luma, w, h), dominant(names));
    }

    private static double laplacian(float[] y, int w, int h) {
        if (w < 3 || h < 3) {
            return 0;
        }
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (int row = 1; row < h - 1; row++) {
            int o = row * w;
            for (int x = 1; x < w - 1; x++) {
                int i = o + x;
                double l = y[i - 1] + y[i + 1] + y[i - w] + y[i + w] - 4 * y[i];
                s += l;
                s2 += l * l;
                n++;
            }
        }
        double m = s / n;
        return Math.log10(1 + Math.max(0, s2 / n - m * m));
    }

    private static List<String> dominant(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sorted) {
            if (out.isEmpty() || e.getValue() >= MIN_SHARE * total && out.size() < 3) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** 1–5 stars: sharpness carries most of it, poor exposure or flat contrast take a star each. */
    int stars() {
        double score = 1 + (sharpness - 0.8) * 1.6;          // ~0.8 (very blurry) → 1, ~3.3 (crisp detail) → 5
        if (brightness < 0.12 || brightness > 0.92) {
            score -= 1;
        }
        if (contrast < 0.06) {
            score -= 1;
        }
        return (int) Math.max(1, Math.min(5, Math.round(score)));
    }
}
