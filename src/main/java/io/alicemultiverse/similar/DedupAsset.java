package io.alicemultiverse.similar;

import java.time.LocalDateTime;

/**
 * What duplicate finding knows of one catalogued asset. Immutable.
 *
 * @param path           the path relative to the library
 * @param inLibrary      whether the file lies inside the library proper (not under {@code .alice/})
 * @param metadataFields how many of prompt, model and seed the catalog holds (0..3)
 * @param createdAt      creation time, null when unknown
 * @param frames         for a video, the pHashes of its keyframes (see {@link VideoHashes}); null for images or
 *                       when they could not be computed
 * @param zhash          the pHash of the centre 95 % ({@code PerceptualHash.zoomPHash}); null when unknown (catalogued
 *                       before it existed)
 * @param colour         a flat picture's mean colour {@code 0xRRGGBB} ({@code hash.FlatColour}); null for other
 *                       pictures and when unknown, which no flat picture then matches
 */
public record DedupAsset(String contentHash, String path, String format, int width, int height, long dhash,
                         long phash, boolean inLibrary, int metadataFields, LocalDateTime createdAt, long[] frames,
                         Long zhash, Integer colour) {

    /** An asset without a colour (not flat). */
    public DedupAsset(String contentHash, String path, String format, int width, int height, long dhash, long phash,
                      boolean inLibrary, int metadataFields, LocalDateTime createdAt, long[] frames, Long zhash) {
        this(contentHash, path, format, width, height, dhash, phash, inLibrary, metadataFields, createdAt, frames,
                zhash, null);
    }

    /** An asset without a zoom hash. */
    public DedupAsset(String contentHash, String path, String format, int width, int height, long dhash, long phash,
                      boolean inLibrary, int metadataFields, LocalDateTime createdAt, long[] frames) {
        this(contentHash, path, format, width, height, dhash, phash, inLibrary, metadataFields, createdAt, frames,
                null, null);
    }

    public long pixels() {
        return (long) width * height;
    }

    public boolean isVideo() {
        return frames != null;
    }
}
