package io.alicemultiverse.hash;

/**
 * When two flat pictures are the same colour. A {@linkplain PerceptualHash#isFlat flat} picture's pHash codes its
 * brightness and nothing else ({@link PerceptualHash#isFlatCode}), so solid red and a grey as bright get the same
 * hashes; two flat codes are therefore compared only when the pictures' mean colours ({@code media.MeanColour},
 * {@code 0xRRGGBB}) agree. Agreement is on chroma and hue: both means in CIELAB (D65, the sRGB formulas), and the
 * chroma and hue terms of the CIE94 difference within {@value #MAX_DIFFERENCE}. Lightness is left out because the
 * flat code already compares it, with the tolerance that keeps a brightened or gamma-changed copy near; those edits
 * move the two terms by up to about 4.5, while red, grey and blue lie 60 or more apart, and a red of
 * {@code (220, 0, 40)} 7 from pure red. A picture whose colour is unknown (null) agrees with none. Stateless.
 */
public final class FlatColour {
    /** Largest chroma-and-hue difference (CIE94 terms, graphic-arts weights) of two flat pictures that are near. */
    static final double MAX_DIFFERENCE = 6;

    private FlatColour() {
    }

    /**
     * Whether a comparison of {@code hashA} (from a picture of mean colour {@code colourA}) with {@code hashB} may
     * count: always, unless both are flat codes and the colours do not agree (or either is unknown).
     */
    public static boolean comparable(long hashA, Integer colourA, long hashB, Integer colourB) {
        return !PerceptualHash.isFlatCode(hashA) || !PerceptualHash.isFlatCode(hashB) || same(colourA, colourB);
    }

    /** Whether two mean colours ({@code 0xRRGGBB}) agree; false when either is null. */
    public static boolean same(Integer a, Integer b) {
        return a != null && b != null && difference(a, b) <= MAX_DIFFERENCE;
    }

    /**
     * The CIE94 difference of two {@code 0xRRGGBB} colours without its lightness term: chroma difference over
     * {@code 1 + 0.045 C}, hue difference over {@code 1 + 0.015 C}, {@code C} the geometric mean of the two chromas
     * (symmetric, unlike CIE94's reference colour).
     */
    static double difference(int a, int b) {
        double[] p = lab(a);
        double[] q = lab(b);
        double c1 = Math.hypot(p[1], p[2]);
        double c2 = Math.hypot(q[1], q[2]);
        double dc = c1 - c2;
        double da = p[1] - q[1];
        double db = p[2] - q[2];
        double dh2 = Math.max(0, da * da + db * db - dc * dc);
        double c = Math.sqrt(c1 * c2);
        double sc = 1 + 0.045 * c;
        double sh = 1 + 0.015 * c;
        return Math.sqrt(dc * dc / (sc * sc) + dh2 / (sh * sh));
    }

    /** CIELAB (L*, a*, b*) of an sRGB colour {@code 0xRRGGBB}, D65 white. */
    static double[] lab(int rgb) {
        double r = linear((rgb >> 16) & 0xFF);
        double g = linear((rgb >> 8) & 0xFF);
        double b = linear(rgb & 0xFF);
        double x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
        double y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
        double z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        return new double[]{116 * y - 16, 500 * (x - y), 200 * (y - z)};
    }

    private static double linear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
