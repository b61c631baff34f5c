package io.alicemultiverse.similar;

/**
 * A search structure over 64-bit hashes (ids are positions in the array it was built from). Implementations are
 * immutable after construction and thread-safe for queries.
 */
interface HammingSearch {
    /** Adds to {@code out} the id of every hash within {@code radius} of {@code query}; order unspecified, no repeats. */
    void within(long query, int radius, IntBuffer out);

    /** Bytes of the arrays the structure holds (the hashes included), for memory reports. */
    long bytes();
}
