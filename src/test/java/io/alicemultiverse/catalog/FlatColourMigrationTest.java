package io.alicemultiverse.catalog;

import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 15 adds a flat picture's mean colour to the hashes, and drops the hashes of the flat pictures a catalog
 * written before it holds (a flat code as pHash or zoom hash), so they are computed again with their colour, as
 * pending hashes are; structured pictures keep theirs. On both backends.
 */
class FlatColourMigrationTest {
    private static final long FLAT = 0xFFFL << 7;
    private static final long BUSY = 0x0123_4567_89AB_CDEFL;

    @TempDir
    Path library;

    private Catalog open(CatalogUrl url) {
        return url == null ? Catalog.open(library) : Catalog.open(library, url);
    }

    private static CatalogUrl url(String backend) {
        return backend.equals("duckdb") ? null : CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
    }

    private static AssetRecord asset(String hash, String path, long phash, Long zhash, Integer colour) {
        return new AssetRecord(hash, path, null, "image", "png", 64, 48, null, 10, 0, "unknown", null, "p", null, null,
                null, null, null, List.of(), "{}", "{}", "r1", List.of(), 5L, phash, zhash, colour);
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void flatPicturesHashedBeforeTheColourAreHashedAgain(String backend) throws Exception {
        CatalogUrl url = url(backend);
        try (Catalog catalog = open(url)) {
            catalog.commit(new CatalogBatch().add(asset("flat", "flat.png", FLAT, FLAT, null))
                    .add(asset("framed", "framed.png", BUSY, FLAT, null)) // flat only in its centre
                    .add(asset("busy", "busy.png", BUSY, BUSY ^ 1, null)));
            try (Statement s = catalog.connection().createStatement()) { // the catalog an earlier alice wrote
                s.execute("ALTER TABLE hashes DROP COLUMN colour");
                s.execute("DELETE FROM schema_version WHERE version >= 15");
            }
        }
        try (Catalog catalog = open(url)) {
            assertThat(catalog.reads().unhashed(10)).extracting(AssetReads.Unhashed::path)
                    .containsExactly("flat.png", "framed.png");
            assertThat(catalog.reads().hashedAssets()).singleElement().satisfies(a -> {
                assertThat(a.path()).isEqualTo("busy.png");
                assertThat(a.zhash()).isEqualTo(BUSY ^ 1);
                assertThat(a.colour()).isNull();
            });
            catalog.addHashes(Map.of("flat", new ImageHashes(5, FLAT, FLAT, 0xFF0000),
                    "framed", new ImageHashes(5, BUSY, FLAT, 0x808080)));
            assertThat(catalog.reads().unhashedCount()).isZero();
            assertThat(catalog.reads().hashedAssets()).extracting(AssetReads.HashedAsset::colour)
                    .containsExactly(null, 0xFF0000, 0x808080); // by path: busy, flat, framed
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void aFlatPicturesColourIsStoredWithItsHashes(String backend) {
        try (Catalog catalog = open(url(backend))) {
            catalog.commit(new CatalogBatch().add(asset("red", "red.png", FLAT, FLAT, 0xFF0000))
                    .add(asset("busy", "busy.png", BUSY, BUSY, null)));
            assertThat(catalog.reads().hashedAssets()).extracting(AssetReads.HashedAsset::colour)
                    .containsExactly(null, 0xFF0000);
            assertThat(catalog.reads().imageHashes(Set.of("red", "busy"))).containsEntry("red",
                    new ImageHashes(5, FLAT, null, 0xFF0000)).containsEntry("busy", new ImageHashes(5, BUSY));
        }
    }
}
