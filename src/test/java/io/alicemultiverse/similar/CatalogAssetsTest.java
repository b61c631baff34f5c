package io.alicemultiverse.similar;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What dedup reads from the catalog: creation times, the inside-the-library flag, cached video keyframes. */
class CatalogAssetsTest {
    @TempDir
    Path library;

    private static AssetRecord asset(String hash, String path, String mediaType, LocalDateTime created, long phash) {
        return new AssetRecord(hash, path, null, mediaType, mediaType.equals("video") ? "mp4" : "png", 64, 48, null, 10,
                0, "unknown", null, "p", created, created, "a prompt", null, null, List.of(), "{}", "{}", "r1",
                List.of(), phash ^ 1, phash);
    }

    @Test
    void videosTakeTheirKeyframesFromTheCacheWithoutDecodingAnything() throws Exception {
        LocalDateTime created = LocalDateTime.of(2025, 3, 4, 5, 6, 7, 891_000_000);
        try (Catalog catalog = Catalog.open(library)) {
            catalog.commit(new CatalogBatch()
                    .add(asset("aa", "clips/gone.mp4", "video", created, 7L))
                    .add(asset("bb", "pics/still.png", "image", null, 8L)));
            Files.createDirectories(VideoFrameCache.file(library).getParent());
            Files.writeString(VideoFrameCache.file(library), "{\"aa\": [1, 2, 3]}");

            List<DedupAsset> assets = CatalogAssets.load(catalog, library, true);
            assertThat(assets).extracting(DedupAsset::path).containsExactly("clips/gone.mp4", "pics/still.png");
            DedupAsset video = assets.get(0);
            assertThat(video.frames()).containsExactly(1L, 2L, 3L); // the file is gone: only the cache can say so
            assertThat(video.createdAt()).isEqualTo(created);
            assertThat(video.metadataFields()).isEqualTo(1);
            assertThat(video.inLibrary()).isTrue();
            assertThat(assets.get(1).frames()).isNull();
            assertThat(assets.get(1).createdAt()).isNull();
            // without keyframes asked for, a video stands for its catalogued frame
            assertThat(CatalogAssets.load(catalog, library, false).get(0).frames()).containsExactly(7L);
        }
    }
}
