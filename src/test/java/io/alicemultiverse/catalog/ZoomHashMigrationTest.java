package io.alicemultiverse.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 6 adds the zoom hash to a catalog written before it; migration 14 then drops its hashes, so its old rows
 * are hashed again (with a zoom hash) instead of matching by pHash alone.
 */
class ZoomHashMigrationTest {
    @TempDir
    Path library;

    private static AssetRecord asset(String hash, String path, Long zhash) {
        return new AssetRecord(hash, path, null, "image", "png", 64, 48, null, 10, 0, "unknown", null, "p", null, null,
                null, null, null, List.of(), "{}", "{}", "r1", List.of(), 5L, 6L, zhash);
    }

    @Test
    void aCatalogFromBeforeTheZoomHashMigratesAndIsHashedAgain() throws Exception {
        try (Catalog catalog = Catalog.open(library)) {
            catalog.commit(new CatalogBatch().add(asset("aa", "old.png", null)));
            // make it the catalog an earlier alice wrote: schema 5, no zhash column
            try (Statement s = catalog.connection().createStatement()) {
                s.execute("ALTER TABLE hashes DROP COLUMN colour");
                s.execute("ALTER TABLE hashes DROP COLUMN zhash");
                s.execute("DROP TABLE change_log");
                s.execute("DROP TABLE numbering");
                s.execute("ALTER TABLE runs DROP COLUMN host");
                s.execute("ALTER TABLE runs DROP COLUMN pid");
                s.execute("ALTER TABLE embeddings DROP COLUMN stored");
                s.execute("DROP SEQUENCE embeddings_stored");
                s.execute("DELETE FROM schema_version WHERE version >= 6");
            }
        }
        try (Catalog catalog = Catalog.open(library)) {
            catalog.commit(new CatalogBatch().add(asset("bb", "new.png", 7L)));
            List<AssetReads.HashedAsset> hashed = catalog.reads().hashedAssets();
            assertThat(hashed).extracting(AssetReads.HashedAsset::path).containsExactly("new.png");
            assertThat(hashed).extracting(AssetReads.HashedAsset::zhash).containsExactly(7L);
            assertThat(catalog.reads().unhashed(10)).extracting(AssetReads.Unhashed::path).containsExactly("old.png");
        }
    }
}
