package io.alicemultiverse.hash;

import io.alicemultiverse.media.GrayImage;
import io.alicemultiverse.media.MeanColour;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.media.HashGrid;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The perceptual hashes of one image (or of a video's frame at 10% of its duration): dHash, pHash and the pHash of
 * the centre 95 % ({@link PerceptualHash#zoomPHash}, null when unknown: catalogued before it existed), and for a flat
 * still image (pHash or zoom hash a {@linkplain PerceptualHash#isFlatCode flat code}) its mean colour
 * ({@link MeanColour}, {@code 0xRRGGBB}; null for other pictures, videos, and when it could not be decoded), which
 * {@link FlatColour} compares. Immutable.
 */
public record ImageHashes(long dhash, long phash, Long zhash, Integer colour) {

    /** Hashes without a zoom hash (read from a catalog that predates it). */
    public ImageHashes(long dhash, long phash) {
        this(dhash, phash, null, null);
    }

    /** Hashes without a colour (a structured picture's, or a grid's whose file is not at hand). */
    public ImageHashes(long dhash, long phash, Long zhash) {
        this(dhash, phash, zhash, null);
    }

    /** All three hashes of one 32 × 32 picture; no colour (a grid has none). */
    public static ImageHashes of(GrayImage image) {
        return new ImageHashes(PerceptualHash.dHash(image), PerceptualHash.pHash(image),
                PerceptualHash.zoomPHash(image));
    }

    /** Whether the pHash or the zoom hash is a flat code: the picture's colour then matters. */
    public boolean flat() {
        return PerceptualHash.isFlatCode(phash) || zhash != null && PerceptualHash.isFlatCode(zhash);
    }

    /**
     * Decodes {@code file} to a 32 × 32 picture with {@link HashGrid#grayscale(Path, MediaFormat, int)} and hashes
     * it; a flat still image is decoded again for its colour.
     *
     * @throws IOException when the file cannot be decoded
     */
    public static ImageHashes of(Path file, MediaFormat format) throws IOException {
        return withColour(of(HashGrid.grayscale(file, format, HashGrid.HASH_SIZE)), file, null, format);
    }

    /**
     * Like {@link #of(Path, MediaFormat)} when the file's bytes were already read ({@code content}, or null): see
     * {@link HashGrid#grayscale(Path, byte[], MediaFormat, int)}.
     */
    public static ImageHashes of(Path file, byte[] content, MediaFormat format) throws IOException {
        return withColour(of(HashGrid.grayscale(file, content, format, HashGrid.HASH_SIZE)), file, content, format);
    }

    /** {@code h} with the mean colour of {@code file} when it is a flat still image; without one if undecodable. */
    private static ImageHashes withColour(ImageHashes h, Path file, byte[] content, MediaFormat format) {
        if (!h.flat() || !format.isImage()) {
            return h;
        }
        try {
            return new ImageHashes(h.dhash, h.phash, h.zhash, MeanColour.of(file, content, format));
        } catch (IOException | RuntimeException e) {
            return h; // no colour: agrees with no other flat picture (FlatColour), so it groups with none
        }
    }
}
