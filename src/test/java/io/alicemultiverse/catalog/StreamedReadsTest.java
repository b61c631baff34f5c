package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads that cover every asset hand their rows on as they come: on PostgreSQL through a cursor (a portal the server
 * keeps open while the first rows are handled), not a result the driver reads whole into memory first (3.4 GB of
 * peak memory to rebuild the lexical index of 1,000,000 assets, 0.64 GB streamed); on DuckDB as its results come.
 */
class StreamedReadsTest {
    @TempDir
    Path tmp;

    @Test
    void everyRowArrivesAndPostgresReadsThemThroughACursor() {
        for (boolean postgres : new boolean[]{false, true}) {
            try (Catalog c = TestPostgres.openCatalog(tmp.resolve(postgres ? "pg" : "duck"), postgres)) {
                List<Long> seen = new ArrayList<>();
                List<Long> portals = new ArrayList<>();
                c.stream("SELECT CAST(g AS BIGINT) FROM generate_series(1, 20000) AS t(g) ORDER BY 1", List.of(), rs -> {
                    seen.add(rs.getLong(1));
                    if (postgres && seen.size() == 1) {
                        portals.addAll(c.select("SELECT count(*) FROM pg_cursors WHERE name <> ''", List.of(),
                                r -> r.getLong(1))); // named portals only: a query's own is unnamed
                    }
                    return null;
                });
                assertThat(seen).hasSize(20_000).startsWith(1L, 2L).endsWith(20_000L);
                if (postgres) {
                    assertThat(portals).as("the cursor open while the first rows are handled").containsExactly(1L);
                    assertThat(c.select("SELECT 1", List.of(), r -> r.getInt(1))).containsExactly(1); // usable after
                }
            }
        }
    }
}
