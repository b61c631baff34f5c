package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 14 drops the perceptual hashes of a catalog written before flat pictures got their own code, so they are
 * computed again (as pending hashes are) instead of keeping the noise an old flat picture was hashed to.
 */
class FlatHashMigrationTest {
    @TempDir
    Path library;

    private Catalog open(CatalogUrl url) {
        return url == null ? Catalog.open(library) : Catalog.open(library, url);
    }

    private static AssetRecord asset(String hash, String path) {
        return new AssetRecord(hash, path, null, "image", "png", 64, 48, null, 10, 0, "unknown", null, "p", null, null,
                null, null, null, List.of(), "{}", "{}", "r1", List.of(), 5L, 6L, 7L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void hashesFromBeforeTheFlatCodeAreComputedAgain(String backend) throws Exception {
        CatalogUrl url = backend.equals("duckdb") ? null : CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog catalog = open(url)) {
            catalog.commit(new CatalogBatch().add(asset("aa", "a.png")).add(asset("bb", "b.png")));
            assertThat(catalog.reads().unhashedCount()).isZero();
            try (Statement s = catalog.connection().createStatement()) {
                // the catalog an earlier alice wrote: schema 13, without migration 15's colour
                s.execute("ALTER TABLE hashes DROP COLUMN colour");
                s.execute("DELETE FROM schema_version WHERE version >= 14");
            }
        }
        try (Catalog catalog = open(url)) {
            assertThat(catalog.reads().unhashedCount()).isEqualTo(2);
            assertThat(catalog.reads().hashedAssets()).isEmpty();
            assertThat(catalog.reads().contains("aa")).isTrue();
        }
    }
}
