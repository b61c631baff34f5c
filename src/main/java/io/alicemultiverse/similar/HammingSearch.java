package io.alicemultiverse.similar;

/**
 * A search structure over 64-bit hashes (ids are positions in the array it was built from). Implementations are
 * immutable after construction and thread-safe for queries.
 */
interface HammingSearch {
    /** Adds to {@code out} the id of every hash within {@code radius} of {@code query}; order unspecified, no repeats. */
    void within(long query, int radius, IntBuffer out);

    /**
     * Every pair of ids {@code i < j} whose hashes are within {@code radius} of each other, each pair once, packed as
     * {@code (long) i << 32 | j}; order unspecified. May run on the common fork-join pool.
     */
    long[] pairs(int radius);

    /** Bytes of the arrays the structure holds (the hashes included), for memory reports. */
    long bytes();
}
