package io.alicemultiverse.similar;

import io.alicemultiverse.hash.FlatColour;

/**
 * When two images are near-duplicates at a given {@code maxDistance}, chosen on {@code bench/similar-accuracy.sh}
 * (99 wallpapers, ten mild edits each; see docs/benchmarks.md). Their distance is the pHash distance, or the distance
 * between one's zoom hash (the pHash of its centre 95 %) and the other's pHash when that is smaller: a crop of 5 %
 * sits 10–16 pHash bits from its original but within a few bits of the original's zoom hash. The pair is near when
 * that distance is within {@code maxDistance} and, with the dHash distance added, within {@code maxDistance +}
 * {@value #DHASH_SLACK}: pairs that only just pass on pHash must also agree on dHash, which keeps pairwise precision
 * at 0.99 while the zoom hash adds candidates. Two flat codes (hashes of flat pictures, which code brightness alone)
 * are compared only when the pictures' mean colours agree ({@link FlatColour}); otherwise that comparison counts as
 * all 64 bits apart, so solid red and a grey as bright are not near. Stateless.
 */
final class NearRule {
    /** How far the pHash-or-zoom distance plus the dHash distance may exceed {@code maxDistance}. */
    static final int DHASH_SLACK = 14;
    /** The distance of a comparison that does not count (two flat codes of pictures whose colours differ). */
    static final int APART = 64;

    private NearRule() {
    }

    /**
     * The pHash distance, or the zoom-to-pHash distance in either direction when smaller; each comparison of two
     * flat codes counts only when {@code colourA} and {@code colourB} agree.
     */
    static int distance(long phashA, Long zhashA, Integer colourA, long phashB, Long zhashB, Integer colourB) {
        int d = compare(phashA, phashB, colourA, colourB);
        if (zhashA != null) {
            d = Math.min(d, compare(zhashA, phashB, colourA, colourB));
        }
        if (zhashB != null) {
            d = Math.min(d, compare(phashA, zhashB, colourA, colourB));
        }
        return d;
    }

    private static int compare(long a, long b, Integer colourA, Integer colourB) {
        return FlatColour.comparable(a, colourA, b, colourB) ? Long.bitCount(a ^ b) : APART;
    }

    /** Whether two images at {@link #distance} {@code d} and dHashes {@code dhashA}, {@code dhashB} are near. */
    static boolean near(int d, long dhashA, long dhashB, int maxDistance) {
        return d <= maxDistance && d + Long.bitCount(dhashA ^ dhashB) <= maxDistance + DHASH_SLACK;
    }

    static int distance(DedupAsset a, DedupAsset b) {
        return distance(a.phash(), a.zhash(), a.colour(), b.phash(), b.zhash(), b.colour());
    }

    static boolean near(DedupAsset a, DedupAsset b, int maxDistance) {
        return near(distance(a, b), a.dhash(), b.dhash(), maxDistance);
    }
}
