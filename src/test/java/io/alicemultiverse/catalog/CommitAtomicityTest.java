package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch the catalog cannot record is recorded not at all, and says so: the organizer then puts its files back.
 * On DuckDB two things of its driver stood in the way: an appender flushed before the transaction's first statement
 * committed its rows on its own, and an appender's {@code close()} ignored a failed flush (a full disk lost a
 * move run's rows without a word, while the files had left the inbox).
 */
class CommitAtomicityTest {
    @TempDir
    Path tmp;

    private Catalog open(String backend) {
        return backend.equals("duckdb") ? Catalog.open(tmp)
                : Catalog.open(tmp, CatalogUrl.parse(TestPostgres.newDatabase(), Map.of()));
    }

    private static AssetRecord asset(String hash, String path) {
        LocalDateTime may = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
        return new AssetRecord(hash, path, "inbox/" + path, "image", "png", 64, 48, null, 10, 5, "comfyui", true,
                "proj", may, may, "a red fox", null, "fox_v1", List.of(), "{}", "{}", "run-1",
                List.of(new AssetRecord.Tag("fox", "subject", "prompt", null)), 7L, 9L);
    }

    private static long count(Catalog c, String table, String hash) {
        return c.select("SELECT count(*) FROM " + table + " WHERE content_hash = ?", List.of(hash),
                rs -> rs.getLong(1)).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void aBatchThatFailsLeavesNoneOfItsRowsAndThrows(String backend) {
        String x = "a".repeat(64);
        String y = "b".repeat(64);
        try (Catalog c = open(backend)) {
            c.commit(new CatalogBatch().add(asset(x, "2024/x.png")));
            // a move run's batch: no inbox rows, nothing removed, so the first thing written is appended rows;
            // its second asset has no path, which the assets' NOT NULL refuses (as a full disk refuses the write)
            CatalogBatch failing = new CatalogBatch()
                    .add(asset(y, "2024/y.png"))
                    .add(asset("c".repeat(64), null))
                    .journal(new JournalEntry("run-2", 1, JournalOp.MOVE, "/inbox/y.png", "2024/y.png", y,
                            JournalState.DONE));
            long counter = c.changeCounter();

            assertThatThrownBy(() -> c.commit(failing)).isInstanceOf(RuntimeException.class);

            assertThat(c.assetPaths()).containsOnly(Map.entry(x, "2024/x.png"));
            assertThat(count(c, "tags", y)).as("the failed batch's tags").isZero();
            assertThat(count(c, "hashes", y)).as("the failed batch's hashes").isZero();
            assertThat(c.journal().entries("run-2")).isEmpty();
            assertThat(c.changeCounter()).isEqualTo(counter);
            // and the catalog takes the next batch as usual
            c.commit(new CatalogBatch().add(asset(y, "2024/y.png")));
            assertThat(c.assetPaths()).containsOnlyKeys(x, y);
            assertThat(count(c, "tags", y)).isEqualTo(1);
        }
    }
}
