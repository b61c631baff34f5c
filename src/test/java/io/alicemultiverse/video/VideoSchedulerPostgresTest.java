package io.alicemultiverse.video;

import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.testsupport.TestPostgres;

import java.util.Map;

/**
 * Issue 19: every {@link VideoSchedulerTest} case — deadlines, polling pace, backoff, budgets counting running jobs,
 * the active-jobs gauge — with the jobs in a PostgreSQL catalog (a database of its own per case).
 */
class VideoSchedulerPostgresTest extends VideoSchedulerTest {
    private final String url = TestPostgres.newDatabase();

    @Override
    CatalogUrl catalog() {
        return CatalogUrl.parse(url, Map.of());
    }
}
