package io.alicemultiverse.hash;

import io.alicemultiverse.media.GrayImage;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.media.HashGrid;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The perceptual hashes of one image (or of a video's frame at 10% of its duration): dHash, pHash and the pHash of
 * the centre 95 % ({@link PerceptualHash#zoomPHash}, null when unknown: catalogued before it existed). Immutable.
 */
public record ImageHashes(long dhash, long phash, Long zhash) {

    /** Hashes without a zoom hash (read from a catalog that predates it). */
    public ImageHashes(long dhash, long phash) {
        this(dhash, phash, null);
    }

    /** All three hashes of one 32 × 32 picture. */
    public static ImageHashes of(GrayImage image) {
        return new ImageHashes(PerceptualHash.dHash(image), PerceptualHash.pHash(image),
                PerceptualHash.zoomPHash(image));
    }

    /**
     * Decodes {@code file} to a 32 × 32 picture with {@link HashGrid#grayscale(Path, MediaFormat, int)} and hashes
     * it.
     *
     * @throws IOException when the file cannot be decoded
     */
    public static ImageHashes of(Path file, MediaFormat format) throws IOException {
        return of(HashGrid.grayscale(file, format, HashGrid.HASH_SIZE));
    }

    /**
     * Like {@link #of(Path, MediaFormat)} when the file's bytes were already read ({@code content}, or null): see
     * {@link HashGrid#grayscale(Path, byte[], MediaFormat, int)}.
     */
    public static ImageHashes of(Path file, byte[] content, MediaFormat format) throws IOException {
        return of(HashGrid.grayscale(file, content, format, HashGrid.HASH_SIZE));
    }
}
