package io.alicemultiverse.hash;

import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Computes the perceptual hashes of a file's pixels for organizing: a seam so a rebuild that keeps old hashes (and a
 * test) can skip pixel work. Implementations are thread-safe and return null when the pixels cannot be read.
 */
@FunctionalInterface
public interface PixelHasher {
    /**
     * The file's hashes, or null.
     *
     * @param content the file's bytes when the caller already read them (decoders that can use them skip reading the
     *                file again), else null
     */
    ImageHashes hash(Path file, MediaFormat format, byte[] content);

    /** A hasher that computes nothing (for rebuilds that keep old hashes, and tests). */
    PixelHasher NONE = (file, format, content) -> null;

    /**
     * The hasher organizing uses: {@link ImageHashes#of(Path, byte[], MediaFormat)}, with null for files whose
     * pixels cannot be decoded here (an unsupported codec, ffmpeg missing): they are catalogued without hashes.
     */
    PixelHasher PERCEPTUAL = (file, format, content) -> {
        try {
            return ImageHashes.of(file, content, format);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    };
}
