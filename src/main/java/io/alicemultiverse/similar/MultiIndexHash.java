package io.alicemultiverse.similar;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Multi-index hashing (Norouzi, Punjani, Fleet, "Fast search in Hamming space with multi-index hashing", 2012):
 * the 64 bits are split into m = 4 chunks of 16 bits, each with its own table from chunk value to hashes.
 *
 * <p>The rule that makes it exact: write the radius as {@code r = m·a + b} with {@code 0 ≤ b < m}. If two hashes
 * differ in at most {@code r} bits, then one of the first {@code b + 1} chunks differs in at most {@code a} bits
 * or one of the other chunks in at most {@code a - 1} (otherwise the total would be at least
 * {@code (b+1)(a+1) + (m-b-1)·a = r + 1}). So a query enumerates, per chunk, every value within that chunk's
 * radius of its own chunk (1, 17, 137 or 697 values for 0..3 flips), checks each candidate's full distance with one
 * popcount, and drops repeats. Past {@value #MAX_CHUNK_RADIUS} flips a chunk the enumeration costs more than a
 * scan, so wider queries scan the array.
 *
 * <p>Each table is in compressed-row form: {@code start[v] .. start[v + 1]} are the positions, in {@code ids} and in
 * the parallel {@code values} (the full hashes again, so the check reads memory in order), of the hashes whose
 * chunk equals {@code v}. Memory: 8 bytes a hash, plus per chunk 12 bytes a hash and 256 KiB — 6.6 MB for 100,000.
 *
 * <p>{@link #pairs} is the self-join {@code dedup} needs. Rather than one query per hash (which visits each close
 * pair twice and probes ~430 buckets per hash at radius 10), it walks each table once: every non-empty bucket
 * {@code v} is paired with itself and with each bucket {@code u > v} within the chunk's flips of it, so each pair
 * of buckets is visited once. A close pair can meet in several chunks; it is reported only from the first chunk
 * whose rule it satisfies, so every pair comes out exactly once without a set to drop repeats. (Walking mask by mask
 * instead, so that both buckets rise through memory together, measured no faster: the tables of one chunk, ~1.5 MB,
 * stay in cache either way.)
 */
final class MultiIndexHash implements HammingSearch {
    static final int CHUNKS = 4;
    private static final int BITS = 16;
    private static final int VALUES = 1 << BITS;
    private static final int MAX_CHUNK_RADIUS = 3;
    /** Slices of the chunk values per table in {@link #pairs}: enough tasks to balance two or more cores. */
    private static final int SLICES = 64;
    /** {@code MASKS[f]}: every non-zero 16-bit mask with at most {@code f} bits set. */
    private static final int[][] MASKS = new int[MAX_CHUNK_RADIUS + 1][];

    static {
        for (int f = 0; f <= MAX_CHUNK_RADIUS; f++) {
            IntBuffer masks = new IntBuffer();
            for (int m = 1; m < VALUES; m++) {
                if (Integer.bitCount(m) <= f) {
                    masks.add(m);
                }
            }
            MASKS[f] = masks.toArray();
        }
    }

    private final long[] hashes;
    private final int[][] start = new int[CHUNKS][];
    private final int[][] ids = new int[CHUNKS][];
    private final long[][] values = new long[CHUNKS][];

    MultiIndexHash(long[] hashes) {
        this.hashes = hashes;
        int n = hashes.length;
        for (int c = 0; c < CHUNKS; c++) {
            int[] s = new int[VALUES + 1];
            for (long h : hashes) {
                s[chunk(h, c) + 1]++;
            }
            for (int v = 0; v < VALUES; v++) {
                s[v + 1] += s[v];
            }
            int[] fill = Arrays.copyOf(s, VALUES);
            int[] list = new int[n];
            long[] vals = new long[n];
            for (int i = 0; i < n; i++) {
                int p = fill[chunk(hashes[i], c)]++;
                list[p] = i;
                vals[p] = hashes[i];
            }
            start[c] = s;
            ids[c] = list;
            values[c] = vals;
        }
    }

    private static int chunk(long h, int c) {
        return (int) (h >>> (c * BITS)) & (VALUES - 1);
    }

    @Override
    public void within(long query, int radius, IntBuffer out) {
        if (radius < 0) {
            return;
        }
        int a = radius / CHUNKS;
        int b = radius % CHUNKS;
        if (a > MAX_CHUNK_RADIUS || (a == MAX_CHUNK_RADIUS && b > 0)) {
            scan(query, radius, out);
            return;
        }
        int from = out.size();
        for (int c = 0; c < CHUNKS; c++) {
            int flips = c <= b ? a : a - 1;
            if (flips >= 0) {
                probe(query, radius, c, chunk(query, c), flips, 0, out);
            }
        }
        dropRepeats(out, from);
    }

    private void scan(long query, int radius, IntBuffer out) {
        for (int i = 0; i < hashes.length; i++) {
            if (Long.bitCount(hashes[i] ^ query) <= radius) {
                out.add(i);
            }
        }
    }

    /** Probes every chunk value within {@code left} flips of {@code value}, flipping bits at {@code bit} or above. */
    private void probe(long query, int radius, int c, int value, int left, int bit, IntBuffer out) {
        int[] list = ids[c];
        long[] vals = values[c];
        for (int p = start[c][value], end = start[c][value + 1]; p < end; p++) {
            if (Long.bitCount(vals[p] ^ query) <= radius) {
                out.add(list[p]);
            }
        }
        if (left == 0) {
            return;
        }
        for (int i = bit; i < BITS; i++) {
            probe(query, radius, c, value ^ (1 << i), left - 1, i + 1, out);
        }
    }

    @Override
    public long[] pairs(int radius) {
        if (radius < 0 || hashes.length < 2) {
            return new long[0];
        }
        int a = radius / CHUNKS;
        int b = radius % CHUNKS;
        if (a > MAX_CHUNK_RADIUS || (a == MAX_CHUNK_RADIUS && b > 0)) {
            return scanPairs(radius);
        }
        int[] flips = new int[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            flips[c] = c <= b ? a : a - 1;
        }
        int width = VALUES / SLICES;
        return LongBuffer.concat(IntStream.range(0, CHUNKS * SLICES).parallel()
                .mapToObj(t -> joinSlice(radius, flips, t / SLICES, (t % SLICES) * width, (t % SLICES + 1) * width))
                .toArray(long[][]::new));
    }

    /**
     * Every pair ({@code i} in this table, {@code j} in {@code other}) whose hashes are within {@code radius}, each
     * once, packed as {@code (long) i << 32 | j}: the join of two hash sets, walked like {@link #pairs} (each bucket
     * of this table against the buckets of the other within the chunk's flips, a pair reported from the first chunk
     * whose rule it meets). On the common fork-join pool.
     */
    long[] crossPairs(MultiIndexHash other, int radius) {
        if (radius < 0 || hashes.length == 0 || other.hashes.length == 0) {
            return new long[0];
        }
        int a = radius / CHUNKS;
        int b = radius % CHUNKS;
        if (a > MAX_CHUNK_RADIUS || (a == MAX_CHUNK_RADIUS && b > 0)) {
            return scanCross(other, radius);
        }
        int[] flips = new int[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            flips[c] = c <= b ? a : a - 1;
        }
        int width = VALUES / SLICES;
        return LongBuffer.concat(IntStream.range(0, CHUNKS * SLICES).parallel()
                .mapToObj(t -> crossSlice(other, radius, flips, t / SLICES, (t % SLICES) * width,
                        (t % SLICES + 1) * width))
                .toArray(long[][]::new));
    }

    private long[] crossSlice(MultiIndexHash other, int radius, int[] flips, int c, int from, int to) {
        LongBuffer out = new LongBuffer();
        if (flips[c] < 0) {
            return out.toArray();
        }
        int[] s = start[c];
        int[] os = other.start[c];
        int[] masks = MASKS[flips[c]];
        for (int v = from; v < to; v++) {
            if (s[v] == s[v + 1]) {
                continue;
            }
            crossBuckets(other, radius, flips, c, v, v, out);
            for (int m : masks) {
                int u = v ^ m;
                if (os[u] != os[u + 1]) {
                    crossBuckets(other, radius, flips, c, v, u, out);
                }
            }
        }
        return out.toArray();
    }

    /** Checks bucket {@code v} of this table's chunk {@code c} against bucket {@code u} of the other's. */
    private void crossBuckets(MultiIndexHash other, int radius, int[] flips, int c, int v, int u, LongBuffer out) {
        long[] vals = values[c];
        long[] ovals = other.values[c];
        int[] list = ids[c];
        int[] olist = other.ids[c];
        for (int p = start[c][v], pe = start[c][v + 1]; p < pe; p++) {
            long hp = vals[p];
            for (int q = other.start[c][u], qe = other.start[c][u + 1]; q < qe; q++) {
                long x = hp ^ ovals[q];
                if (Long.bitCount(x) <= radius && firstChunk(x, flips) == c) {
                    out.add((long) list[p] << 32 | olist[q]);
                }
            }
        }
    }

    private long[] scanCross(MultiIndexHash other, int radius) {
        LongBuffer out = new LongBuffer();
        for (int i = 0; i < hashes.length; i++) {
            for (int j = 0; j < other.hashes.length; j++) {
                if (Long.bitCount(hashes[i] ^ other.hashes[j]) <= radius) {
                    out.add((long) i << 32 | j);
                }
            }
        }
        return out.toArray();
    }

    /** The pairs chunk {@code c} is responsible for, from the buckets {@code from <= v < to}. */
    private long[] joinSlice(int radius, int[] flips, int c, int from, int to) {
        LongBuffer out = new LongBuffer();
        if (flips[c] < 0) {
            return out.toArray();
        }
        int[] s = start[c];
        int[] masks = MASKS[flips[c]];
        for (int v = from; v < to; v++) {
            int vs = s[v];
            int ve = s[v + 1];
            if (vs == ve) {
                continue;
            }
            for (int p = vs; p < ve; p++) {
                joinRow(radius, flips, c, p, p + 1, ve, out);
            }
            for (int m : masks) {
                int u = v ^ m;
                if (u > v && s[u] != s[u + 1]) {
                    for (int p = vs; p < ve; p++) {
                        joinRow(radius, flips, c, p, s[u], s[u + 1], out);
                    }
                }
            }
        }
        return out.toArray();
    }

    /** Checks table entry {@code p} of chunk {@code c} against entries {@code from <= q < to}. */
    private void joinRow(int radius, int[] flips, int c, int p, int from, int to, LongBuffer out) {
        long[] vals = values[c];
        int[] list = ids[c];
        long hp = vals[p];
        for (int q = from; q < to; q++) {
            long x = hp ^ vals[q];
            if (Long.bitCount(x) <= radius && firstChunk(x, flips) == c) {
                int i = list[p];
                int j = list[q];
                out.add(i < j ? (long) i << 32 | j : (long) j << 32 | i);
            }
        }
    }

    /** The first chunk whose flip budget the difference {@code x} fits: the one that reports the pair. */
    private static int firstChunk(long x, int[] flips) {
        for (int c = 0; c < CHUNKS; c++) {
            if (Integer.bitCount(chunk(x, c)) <= flips[c]) {
                return c;
            }
        }
        return -1;
    }

    /** Radii past the tables' reach: every pair, in parallel slices of the first id. */
    private long[] scanPairs(int radius) {
        int n = hashes.length;
        int step = 1024;
        return LongBuffer.concat(IntStream.range(0, (n + step - 1) / step).parallel().mapToObj(t -> {
            LongBuffer out = new LongBuffer();
            for (int i = t * step, end = Math.min(n, i + step); i < end; i++) {
                long h = hashes[i];
                for (int j = i + 1; j < n; j++) {
                    if (Long.bitCount(h ^ hashes[j]) <= radius) {
                        out.add((long) i << 32 | j);
                    }
                }
            }
            return out.toArray();
        }).toArray(long[][]::new));
    }

    /** A hash near in several chunks is found once per chunk; keep one. */
    private static void dropRepeats(IntBuffer out, int from) {
        int n = out.size() - from;
        if (n < 2) {
            return;
        }
        int[] found = new int[n];
        for (int i = 0; i < n; i++) {
            found[i] = out.get(from + i);
        }
        Arrays.sort(found);
        out.truncate(from);
        for (int i = 0; i < n; i++) {
            if (i == 0 || found[i] != found[i - 1]) {
                out.add(found[i]);
            }
        }
    }

    @Override
    public long bytes() {
        long bytes = 8L * hashes.length;
        for (int c = 0; c < CHUNKS; c++) {
            bytes += 4L * start[c].length + 4L * ids[c].length + 8L * values[c].length;
        }
        return bytes;
    }
}
