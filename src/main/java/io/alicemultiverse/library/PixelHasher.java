package io.alicemultiverse.library;

import io.alicemultiverse.media.MediaFormat;

import java.nio.file.Path;

/**
 * Computes the 64-bit perceptual hashes (dHash, pHash) of a file's pixels. A seam so organizing does not depend
 * on how pixels are decoded. Implementations are thread-safe and return null when the pixels cannot be read.
 */
@FunctionalInterface
public interface PixelHasher {
    /**
     * {@code {dhash, phash}}, or null.
     *
     * @param content the file's bytes when the caller already read them (decoders that can use them skip reading the
     *                file again), else null
     */
    long[] hash(Path file, MediaFormat format, byte[] content);

    /** A hasher that computes nothing (for rebuilds that keep old hashes, and tests). */
    PixelHasher NONE = (file, format, content) -> null;
}
