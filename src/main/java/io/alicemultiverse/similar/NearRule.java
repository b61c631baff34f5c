package io.alicemultiverse.similar;

/**
 * When two images are near-duplicates at a given {@code maxDistance}, chosen on {@code bench/similar-accuracy.sh}
 * (99 wallpapers, ten mild edits each; see docs/benchmarks.md). Their distance is the pHash distance, or the distance
 * between one's zoom hash (the pHash of its centre 95 %) and the other's pHash when that is smaller: a crop of 5 %
 * sits 10–16 pHash bits from its original but within a few bits of the original's zoom hash. The pair is near when
 * that distance is within {@code maxDistance} and, with the dHash distance added, within {@code maxDistance +}
 * {@value #DHASH_SLACK}: pairs that only just pass on pHash must also agree on dHash, which keeps pairwise precision
 * at 0.99 while the zoom hash adds candidates. Stateless.
 */
final class NearRule {
    /** How far the pHash-or-zoom distance plus the dHash distance may exceed {@code maxDistance}. */
    static final int DHASH_SLACK = 14;

    private NearRule() {
    }

    /** The pHash distance, or the zoom-to-pHash distance in either direction when smaller. */
    static int distance(long phashA, Long zhashA, long phashB, Long zhashB) {
        int d = Long.bitCount(phashA ^ phashB);
        if (zhashA != null) {
            d = Math.min(d, Long.bitCount(zhashA ^ phashB));
        }
        if (zhashB != null) {
            d = Math.min(d, Long.bitCount(phashA ^ zhashB));
        }
        return d;
    }

    /** Whether two images at {@link #distance} {@code d} and dHashes {@code dhashA}, {@code dhashB} are near. */
    static boolean near(int d, long dhashA, long dhashB, int maxDistance) {
        return d <= maxDistance && d + Long.bitCount(dhashA ^ dhashB) <= maxDistance + DHASH_SLACK;
    }

    static int distance(DedupAsset a, DedupAsset b) {
        return distance(a.phash(), a.zhash(), b.phash(), b.zhash());
    }

    static boolean near(DedupAsset a, DedupAsset b, int maxDistance) {
        return near(distance(a, b), a.dhash(), b.dhash(), maxDistance);
    }
}
