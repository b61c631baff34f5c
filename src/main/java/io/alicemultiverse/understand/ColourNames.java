package io.alicemultiverse.understand;

/**
 * Names an sRGB colour in plain words (black, white, grey, red, orange, yellow, green, teal, blue, purple, pink,
 * brown) from its hue, saturation and value. Stateless.
 */
final class ColourNames {
    private ColourNames() {
    }

    static String name(int r, int g, int b) {
        float[] hsv = hsv(r, g, b);
        float h = hsv[0];
        float s = hsv[1];
        float v = hsv[2];
        if (v < 0.18f) {
            return "black";
        }
        if (s < 0.15f) {
            return v > 0.85f ? "white" : "grey";
        }
        if (h < 15 || h >= 345) {
            return v < 0.55f && s > 0.4f ? "brown" : s < 0.5f && v > 0.7f ? "pink" : "red";
        }
        if (h < 45) {
            return v < 0.6f ? "brown" : "orange";
        }
        if (h < 70) {
            return v < 0.5f ? "brown" : "yellow";
        }
        if (h < 160) {
            return "green";
        }
        if (h < 195) {
            return "teal";
        }
        if (h < 255) {
            return "blue";
        }
        if (h < 295) {
            return "purple";
        }
        return "pink";
    }

    /** Hue in degrees [0, 360), saturation and value in [0, 1]. */
    static float[] hsv(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        float v = max / 255f;
        float s = max == 0 ? 0 : (max - min) / (float) max;
        float h;
        if (max == min) {
            h = 0;
        } else if (max == r) {
            h = 60f * (g - b) / (max - min);
        } else if (max == g) {
            h = 60f * (b - r) / (max - min) + 120;
        } else {
            h = 60f * (r - g) / (max - min) + 240;
        }
        if (h < 0) {
            h += 360;
        }
        return new float[]{h, s, v};
    }
}
