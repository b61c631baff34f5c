package io.alicemultiverse.similar;

import io.alicemultiverse.hash.VideoHashes;
import io.alicemultiverse.catalog.AssetReads;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.Ffprobe;

import java.io.IOException;
import java.nio.file.Path;
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
     * Every catalogued asset with a pHash, by path; ffmpeg is looked for only when a video is met.
     */
    public static List<DedupAsset> load(Catalog catalog, Path library, boolean videoKeyframes) {
        Path root = library.toAbsolutePath().normalize();
        Path aliceDir = root.resolve(".alice");
        VideoFrameCache cache = VideoFrameCache.open(root);
        List<DedupAsset> assets = new java.util.ArrayList<>();
        for (AssetReads.HashedAsset a : catalog.reads().hashedAssets()) {
            long[] frames = null;
            if (a.video()) {
                frames = videoKeyframes ? keyframes(cache, a.contentHash(), root.resolve(a.path())) : null;
                if (frames == null) {
                    frames = new long[]{a.phash()}; // the catalogued frame stands alone
                }
            }
            Path file = root.resolve(a.path()).normalize();
            boolean inside = file.startsWith(root) && !file.startsWith(aliceDir);
            assets.add(new DedupAsset(a.contentHash(), a.path(), a.format(), a.width(), a.height(), a.dhash(),
                    a.phash(), inside, a.richness(), a.createdAt(), frames, a.video() ? null : a.zhash(),
                    a.video() ? null : a.colour()));
        }
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
}
