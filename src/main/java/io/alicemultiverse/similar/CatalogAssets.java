package io.alicemultiverse.similar;

import io.alicemultiverse.hash.VideoHashes;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.Ffprobe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads what similarity needs from the catalog: every asset with a pHash, as {@link DedupAsset}s. Videos get their
 * keyframe hashes when asked — from the {@link VideoFrameCache}, else from ffmpeg when installed (then cached);
 * otherwise their catalogued frame (at 10%) stands alone.
 * Stateless.
 */
public final class CatalogAssets {
    private CatalogAssets() {
    }

    /**
     * Every catalogued asset with a pHash, by path. Timestamps come as epoch microseconds (a plain {@code long}:
     * DuckDB's JDBC {@code getTimestamp} was a third of the load time over 100,000 rows); ffmpeg is looked for
     * only when a video is met.
     */
    public static List<DedupAsset> load(Catalog catalog, Path library, boolean videoKeyframes) {
        Path root = library.toAbsolutePath().normalize();
        Path aliceDir = root.resolve(".alice");
        VideoFrameCache cache = VideoFrameCache.open(root);
        List<DedupAsset> assets = catalog.select("""
                SELECT a.content_hash, a.path, a.format, coalesce(a.width, 0), coalesce(a.height, 0), h.dhash, h.phash,
                       (a.prompt IS NOT NULL)::INT + (a.model IS NOT NULL)::INT + (len(coalesce(a.seeds, [])) > 0)::INT,
                       epoch_us(a.created_at), a.media_type = 'video'
                FROM assets a JOIN hashes h USING (content_hash)
                WHERE h.phash IS NOT NULL ORDER BY a.path""", List.of(), rs -> {
            String path = rs.getString(2);
            long createdMicros = rs.getLong(9);
            LocalDateTime created = rs.wasNull() ? null : LocalDateTime.ofEpochSecond(
                    Math.floorDiv(createdMicros, 1_000_000L), (int) Math.floorMod(createdMicros, 1_000_000L) * 1000,
                    ZoneOffset.UTC);
            long phash = rs.getLong(7);
            long[] frames = null;
            if (rs.getBoolean(10)) {
                frames = videoKeyframes ? keyframes(cache, rs.getString(1), root.resolve(path)) : null;
                if (frames == null) {
                    frames = new long[]{phash}; // the catalogued frame stands alone
                }
            }
            Path file = root.resolve(path).normalize();
            boolean inside = file.startsWith(root) && !file.startsWith(aliceDir);
            return new DedupAsset(rs.getString(1), path, rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getLong(6),
                    phash, inside, rs.getInt(8), created, frames);
        });
        cache.saveIfChanged();
        return assets;
    }

    /** Cached keyframe pHashes, else decoded now with ffmpeg (and cached); null without ffmpeg or on failure. */
    private static long[] keyframes(VideoFrameCache cache, String contentHash, Path video) {
        long[] frames = cache.get(contentHash);
        if (frames != null || !Ffprobe.isAvailable()) {
            return frames;
        }
        try {
            frames = VideoHashes.of(video);
            cache.put(contentHash, frames);
            return frames;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Content hashes starting with {@code prefix} (lower-case hex, checked by the caller); at most 2. */
    public static List<String> byPrefix(Catalog catalog, String prefix) {
        return catalog.select("SELECT content_hash FROM assets WHERE starts_with(content_hash, ?) LIMIT 2",
                List.of(prefix), rs -> rs.getString(1));
    }

}
