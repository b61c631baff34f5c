package io.alicemultiverse.media;

import java.io.IOException;

/** Bounds checked on a header's claims before any pixel memory is allocated. */
final class Limits {
    /** Largest image decoded, in pixels. */
    static final long MAX_PIXELS = 100_000_000L;
    /** Largest side decoded (keeps one scanline of 16-bit RGBA under 1 MB). */
    static final int MAX_SIDE = 100_000;

    private Limits() {
    }

    static void check(String what, long width, long height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IOException(what + " claims an impossible size " + width + "x" + height);
        }
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw new IOException(what + " claims " + width + "x" + height + " pixels, more than the "
                    + MAX_PIXELS / 1_000_000 + " megapixels (or " + MAX_SIDE + " per side) decoded");
        }
    }
}
