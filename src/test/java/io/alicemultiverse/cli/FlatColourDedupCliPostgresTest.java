package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.TestPostgres;

import java.util.List;

/** Every {@link FlatColourDedupCliTest} case on a PostgreSQL catalog (a database of its own per case). */
class FlatColourDedupCliPostgresTest extends FlatColourDedupCliTest {
    private final String url = TestPostgres.newDatabase();

    @Override
    List<String> catalogArgs() {
        return List.of("--catalog", url);
    }
}
