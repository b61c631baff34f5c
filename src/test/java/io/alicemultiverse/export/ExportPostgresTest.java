package io.alicemultiverse.export;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice export} from a shared PostgreSQL catalog (issue 19): the same rows and columns as from DuckDB, read
 * back by a fresh DuckDB; a query narrows them.
 */
class ExportPostgresTest {
    @TempDir
    Path tmp;

    @Test
    void everyFormatComesFromAPostgresCatalogWithItsTagsUnderstandingAndSeeds() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "m1", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "m1", 2));
        t.inboxFile("q/c.png", TempLibrary.png("a bowl of ramen with egg", "m2", 3));
        Path lib = t.library();
        run(lib, "organize", "--inbox", t.inbox().toString(), "--catalog", TestPostgres.newDatabase());
        run(lib, "tag", "add", "--query", "lighthouse", "favourite");
        run(lib, "understand", "--all");

        Path parquet = tmp.resolve("assets.parquet");
        Path csv = tmp.resolve("assets.csv");
        Path jsonl = tmp.resolve("assets.jsonl");
        assertThat(run(lib, "export", "--format", "parquet", "-o", parquet.toString()).out()).startsWith("3 assets");
        run(lib, "export", "--format", "csv", "-o", csv.toString());
        run(lib, "export", "--format", "jsonl", "-o", jsonl.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(scalar(c, "SELECT count(*) FROM '" + parquet + "'")).isEqualTo("3");
            assertThat(scalar(c, "SELECT tags_user FROM '" + parquet + "' WHERE prompt LIKE '%lighthouse%'"))
                    .isEqualTo("[favourite]");
            assertThat(scalar(c, "SELECT count(*) FROM '" + parquet + "' WHERE description IS NOT NULL "
                    + "AND len(tags_understanding) > 0 AND len(tags_prompt) > 0 AND len(seeds) = 1 "
                    + "AND params.steps IS NOT NULL AND created_at IS NOT NULL AND width > 0")).isEqualTo("3");
            assertThat(scalar(c, "SELECT count(*) FROM read_csv('" + csv + "', header = true) "
                    + "WHERE tags_user = 'favourite'")).isEqualTo("1");
            assertThat(scalar(c, "SELECT count(*) FROM read_json('" + jsonl + "', format = 'newline_delimited')"))
                    .isEqualTo("3");
        }
        Path some = tmp.resolve("ramen.parquet");
        assertThat(run(lib, "export", "--query", "\"bowl of ramen\"", "-o", some.toString()).out())
                .startsWith("2 assets");
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static CliRun run(Path lib, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(lib.toString());
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
