package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.TestPostgres;

import java.util.List;

/**
 * Issue 19: every {@link DedupCliTest} case — similar, dedup's groups, trash, hardlink and delete, undo, check and
 * rebuild — on a PostgreSQL catalog (a database of its own per case), where the perceptual hashes organize leaves
 * are filled by the first near-duplicate search as on DuckDB.
 */
class DedupCliPostgresTest extends DedupCliTest {
    private final String url = TestPostgres.newDatabase();

    @Override
    List<String> catalogArgs() {
        return List.of("--catalog", url);
    }

    @Override
    List<String> newCatalogArgs() {
        return List.of("--catalog", TestPostgres.newDatabase());
    }
}
