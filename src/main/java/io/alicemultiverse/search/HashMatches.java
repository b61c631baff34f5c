package io.alicemultiverse.search;

import org.apache.lucene.util.BytesRef;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * A set of content hashes asked, for each of up to a million index documents in turn, whether it holds the document's
 * hash as doc values give it (bytes). Exact: a probe keys on the first 16 bytes and a hit compares every byte.
 *
 * <p>Why by hand: a {@code HashSet<BytesRef>} hashes all 64 bytes of every document's hash and calls through
 * {@code equals} for each probe; counting a fifth of a 1,000,000-asset library's facets spent most of its time there
 * (0.8–1.0 s against 0.3 s for every asset, cold). This open-addressing table of primitive keys is what no library
 * on the class path offers for byte strings.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class HashMatches {
    private static final int KEY_BYTES = 16;
    private final byte[][] values;
    private final long[] keys;
    /** Index into {@link #values} of each slot's entry plus one; 0: an empty slot. */
    private final int[] slots;
    private final int mask;

    HashMatches(Collection<String> hashes) {
        values = hashes.stream().map(h -> h.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        int capacity = Integer.highestOneBit(Math.max(4, values.length * 2 - 1)) << 1;
        keys = new long[capacity];
        slots = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < values.length; i++) {
            long key = key(values[i], 0, values[i].length);
            int s = slot(key);
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            keys[s] = key;
            slots[s] = i + 1;
        }
    }

    boolean contains(BytesRef v) {
        long key = key(v.bytes, v.offset, v.length);
        for (int s = slot(key); slots[s] != 0; s = (s + 1) & mask) {
            if (keys[s] == key) {
                byte[] candidate = values[slots[s] - 1];
                if (Arrays.equals(candidate, 0, candidate.length, v.bytes, v.offset, v.offset + v.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** FNV-1a over the first bytes (content hashes are hex: their leading bytes already tell them apart). */
    private static long key(byte[] b, int offset, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = offset, end = offset + Math.min(length, KEY_BYTES); i < end; i++) {
            h = (h ^ b[i]) * 0x100000001b3L;
        }
        return h ^ length;
    }

    private int slot(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
