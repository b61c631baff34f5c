package io.alicemultiverse.similar;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.Ffprobe;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what similarity needs from the catalog: every asset with a pHash, as {@link DedupAsset}s. Videos get their
 * keyframe hashes from ffmpeg when asked and installed; otherwise their catalogued frame (at 10%) stands alone.
 * Stateless.
 */
public final class CatalogAssets {
    private CatalogAssets() {
    }

    public static List<DedupAsset> load(Catalog catalog, Path library, boolean videoKeyframes) {
        Path root = library.toAbsolutePath().normalize();
        boolean ffmpeg = videoKeyframes && Ffprobe.isAvailable();
        return catalog.select("""
                SELECT a.content_hash, a.path, a.format, coalesce(a.width, 0), coalesce(a.height, 0), h.dhash, h.phash,
                       (a.prompt IS NOT NULL)::INT + (a.model IS NOT NULL)::INT + (len(coalesce(a.seeds, [])) > 0)::INT,
                       a.created_at, a.media_type
                FROM assets a JOIN hashes h USING (content_hash)
                WHERE h.phash IS NOT NULL ORDER BY a.path""", List.of(), rs -> {
            String path = rs.getString(2);
            Timestamp created = rs.getTimestamp(9);
            long phash = rs.getLong(7);
            long[] frames = null;
            if ("video".equals(rs.getString(10))) {
                frames = new long[]{phash};
                if (ffmpeg) {
                    try {
                        frames = VideoHashes.of(root.resolve(path));
                    } catch (IOException | RuntimeException e) {
                        // the catalogued frame stands alone
                    }
                }
            }
            Path file = root.resolve(path).normalize();
            boolean inside = file.startsWith(root) && !file.startsWith(root.resolve(".alice"));
            return new DedupAsset(rs.getString(1), path, rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getLong(6),
                    phash, inside, rs.getInt(8), created == null ? null : created.toLocalDateTime(), frames);
        });
    }

    /** Content hashes starting with {@code prefix} (lower-case hex, checked by the caller); at most 2. */
    public static List<String> byPrefix(Catalog catalog, String prefix) {
        return catalog.select("SELECT content_hash FROM assets WHERE starts_with(content_hash, ?) LIMIT 2",
                List.of(prefix), rs -> rs.getString(1));
    }

}
