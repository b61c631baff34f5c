package io.alicemultiverse.similar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Property: both engines answer exactly what a brute-force scan answers, on random and clustered hashes. */
class HashIndexTest {

    /** Random hashes plus clusters of near-copies (a few bits flipped), so small radii have answers. */
    static long[] hashes(Random r, int n) {
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(3) == 0) {
                long base = h[r.nextInt(i)];
                int flips = r.nextInt(12);
                for (int f = 0; f < flips; f++) {
                    base ^= 1L << r.nextInt(64);
                }
                h[i] = base;
            } else {
                h[i] = r.nextLong();
            }
        }
        return h;
    }

    private static HashIndex.Neighbors bruteWithin(long[] h, long q, int radius) {
        List<long[]> found = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            int d = Long.bitCount(h[i] ^ q);
            if (d <= radius) {
                found.add(new long[]{d, i});
            }
        }
        found.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        return new HashIndex.Neighbors(found.stream().mapToInt(x -> (int) x[1]).toArray(),
                found.stream().mapToInt(x -> (int) x[0]).toArray());
    }

    @ParameterizedTest
    @EnumSource(HashIndex.Engine.class)
    void withinEqualsBruteForceForManySeedsAndRadii(HashIndex.Engine engine) {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            long[] h = hashes(r, 1 + r.nextInt(3000));
            HashIndex index = HashIndex.of(h, engine);
            for (int q = 0; q < 25; q++) {
                long query = r.nextBoolean() ? h[r.nextInt(h.length)] ^ (1L << r.nextInt(64)) : r.nextLong();
                int radius = r.nextInt(40);
                HashIndex.Neighbors expected = bruteWithin(h, query, radius);
                HashIndex.Neighbors actual = index.within(query, radius);
                assertThat(actual.ids()).as("seed %d radius %d", seed, radius).containsExactly(expected.ids());
                assertThat(actual.distances()).containsExactly(expected.distances());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashIndex.Engine.class)
    void pairsEqualBruteForceEachPairOnce(HashIndex.Engine engine) {
        for (int seed = 200; seed < 260; seed++) {
            Random r = new Random(seed);
            long[] h = hashes(r, r.nextInt(1500));
            if (r.nextInt(4) == 0 && h.length > 0) {
                h[h.length - 1] = h[0]; // equal hashes pair too
            }
            HashIndex index = HashIndex.of(h, engine);
            int radius = seed < 210 ? r.nextInt(13) : r.nextInt(20); // the table walk (<= 12) and the scan past it
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < h.length; i++) {
                for (int j = i + 1; j < h.length; j++) {
                    if (Long.bitCount(h[i] ^ h[j]) <= radius) {
                        expected.add((long) i << 32 | j);
                    }
                }
            }
            long[] actual = index.pairsWithin(radius);
            assertThat(actual).as("seed %d radius %d", seed, radius)
                    .containsExactlyInAnyOrder(expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @ParameterizedTest
    @EnumSource(HashIndex.Engine.class)
    void crossPairsEqualBruteForceEachPairOnce(HashIndex.Engine engine) {
        for (int seed = 300; seed < 340; seed++) {
            Random r = new Random(seed);
            long[] h = hashes(r, r.nextInt(1200));
            long[] z = new long[r.nextInt(800)];
            for (int k = 0; k < z.length; k++) { // some near the first set, like zoom hashes of its pictures
                z[k] = h.length > 0 && r.nextBoolean() ? h[r.nextInt(h.length)] ^ (1L << r.nextInt(64)) : r.nextLong();
            }
            int radius = seed < 330 ? r.nextInt(13) : 13 + r.nextInt(4); // the table walk and the scan past it
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < z.length; i++) {
                for (int j = 0; j < h.length; j++) {
                    if (Long.bitCount(z[i] ^ h[j]) <= radius) {
                        expected.add((long) i << 32 | j);
                    }
                }
            }
            long[] actual = HashIndex.of(z, engine).crossPairsWithin(HashIndex.of(h, engine), radius);
            assertThat(actual).as("seed %d radius %d", seed, radius)
                    .containsExactlyInAnyOrder(expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @ParameterizedTest
    @EnumSource(HashIndex.Engine.class)
    void nearestEqualsBruteForce(HashIndex.Engine engine) {
        for (int seed = 100; seed < 130; seed++) {
            Random r = new Random(seed);
            long[] h = hashes(r, 1 + r.nextInt(2000));
            HashIndex index = HashIndex.of(h, engine);
            for (int q = 0; q < 20; q++) {
                long query = r.nextBoolean() ? h[r.nextInt(h.length)] : r.nextLong();
                int k = 1 + r.nextInt(30);
                HashIndex.Neighbors all = bruteWithin(h, query, 64);
                HashIndex.Neighbors actual = index.nearest(query, k);
                int n = Math.min(k, h.length);
                assertThat(actual.ids()).as("seed %d k %d", seed, k)
                        .containsExactly(java.util.Arrays.copyOf(all.ids(), n));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashIndex.Engine.class)
    void emptyIndexAnswersNothing(HashIndex.Engine engine) {
        HashIndex index = HashIndex.of(new long[0], engine);
        assertThat(index.within(42L, 10).size()).isZero();
        assertThat(index.nearest(42L, 3).size()).isZero();
    }

    @org.junit.jupiter.api.Test
    void indexOf100kHashesFitsIn16Megabytes() {
        HashIndex index = HashIndex.of(hashes(new Random(1), 100_000));
        assertThat(index.bytes()).isLessThanOrEqualTo(16L << 20);
    }
}
