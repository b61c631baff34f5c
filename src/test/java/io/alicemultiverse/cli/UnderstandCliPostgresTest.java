package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.TestPostgres;

import java.util.List;

/**
 * Issue 19: every {@link UnderstandCliTest} case — the local analyzer, dry runs, paid runs, the cache that never pays
 * twice, the spend ledger and budgets — on a PostgreSQL catalog (a database of its own per case).
 */
class UnderstandCliPostgresTest extends UnderstandCliTest {
    private final String url = TestPostgres.newDatabase();

    @Override
    List<String> catalogArgs() {
        return List.of("--catalog", url);
    }
}
