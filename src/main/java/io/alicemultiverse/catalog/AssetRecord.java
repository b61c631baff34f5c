package io.alicemultiverse.catalog;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One catalogued asset. Immutable. {@code path} is relative to the library root with {@code /} separators.
 *
 * @param params the generation parameters as JSON text (the inspect record without path and raw)
 * @param raw    every text entry of the file as JSON text
 * @param tags   tags derived from the prompt, LoRAs and model (origin {@code prompt})
 * @param dhash  64-bit difference hash, null when the pixels could not be read
 * @param phash  64-bit DCT hash, null when the pixels could not be read
 * @param zhash  64-bit DCT hash of the centre 95 %, null when the pixels could not be read (or not computed)
 * @param colour the mean colour {@code 0xRRGGBB} of a flat picture ({@code hash.ImageHashes}), else null
 */
public record AssetRecord(
        String contentHash, String path, String originalPath, String mediaType, String format,
        Integer width, Integer height, Double duration, long bytes, long mtime,
        String source, Boolean aiGenerated, String project, LocalDateTime createdAt, LocalDateTime organizedAt,
        String prompt, String negative, String model, List<String> seeds, String params, String raw, String run,
        List<Tag> tags, Long dhash, Long phash, Long zhash, Integer colour) {

    /** An asset without a colour (not flat, or not hashed). */
    public AssetRecord(String contentHash, String path, String originalPath, String mediaType, String format,
                       Integer width, Integer height, Double duration, long bytes, long mtime, String source,
                       Boolean aiGenerated, String project, LocalDateTime createdAt, LocalDateTime organizedAt,
                       String prompt, String negative, String model, List<String> seeds, String params, String raw,
                       String run, List<Tag> tags, Long dhash, Long phash, Long zhash) {
        this(contentHash, path, originalPath, mediaType, format, width, height, duration, bytes, mtime, source,
                aiGenerated, project, createdAt, organizedAt, prompt, negative, model, seeds, params, raw, run, tags,
                dhash, phash, zhash, null);
    }

    /** An asset without a zoom hash. */
    public AssetRecord(String contentHash, String path, String originalPath, String mediaType, String format,
                       Integer width, Integer height, Double duration, long bytes, long mtime, String source,
                       Boolean aiGenerated, String project, LocalDateTime createdAt, LocalDateTime organizedAt,
                       String prompt, String negative, String model, List<String> seeds, String params, String raw,
                       String run, List<Tag> tags, Long dhash, Long phash) {
        this(contentHash, path, originalPath, mediaType, format, width, height, duration, bytes, mtime, source,
                aiGenerated, project, createdAt, organizedAt, prompt, negative, model, seeds, params, raw, run, tags,
                dhash, phash, null, null);
    }

    public AssetRecord {
        seeds = List.copyOf(seeds);
        tags = List.copyOf(tags);
    }

    /** The same asset at another library path (used when a file is catalogued where it lies). */
    public AssetRecord withPath(String newPath) {
        return new AssetRecord(contentHash, newPath, originalPath, mediaType, format, width, height, duration, bytes,
                mtime, source, aiGenerated, project, createdAt, organizedAt, prompt, negative, model, seeds, params,
                raw, run, tags, dhash, phash, zhash, colour);
    }

    public AssetRecord withFileState(long newBytes, long newMtime) {
        return new AssetRecord(contentHash, path, originalPath, mediaType, format, width, height, duration, newBytes,
                newMtime, source, aiGenerated, project, createdAt, organizedAt, prompt, negative, model, seeds, params,
                raw, run, tags, dhash, phash, zhash, colour);
    }

    /** A tag on an asset; {@code origin} is {@code prompt}, {@code understanding} or {@code user}. */
    public record Tag(String tag, String category, String origin, Double confidence) {
    }
}
