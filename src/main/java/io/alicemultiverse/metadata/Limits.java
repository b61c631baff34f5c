package io.alicemultiverse.metadata;

/** Bounds that keep memory and time finite on hostile files. */
final class Limits {
    /** Largest text/metadata chunk or segment kept (larger ones are skipped with a problem). */
    static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;
    /**
     * Most text kept from one file, all entries together (in chars): without it a 9 MB PNG of 300 compressed
     * chunks, each inflating to 30 MB, held 9 GB of text.
     */
    static final long MAX_TOTAL_TEXT = 64L * 1024 * 1024;
    /** Largest inflated size of a compressed text chunk. */
    static final int MAX_INFLATED_BYTES = 32 * 1024 * 1024;
    /** Largest image (in pixels) decoded for stealth detection. */
    static final long MAX_STEALTH_PIXELS = 64L * 1024 * 1024;
    /** Largest sidecar text file read. */
    static final long MAX_SIDECAR_BYTES = 1024 * 1024;

    private Limits() {
    }
}
