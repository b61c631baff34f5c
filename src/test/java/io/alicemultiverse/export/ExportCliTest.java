package io.alicemultiverse.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code alice export}: every format opened by a reader that is not ours, row counts equal to the catalog's. */
class ExportCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path lib;

    @BeforeEach
    void library() throws IOException {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "m1", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "m1", 2));
        t.inboxFile("q/c.png", TempLibrary.png("a bowl of ramen with egg", "m2", 3));
        lib = t.library();
        run("organize", "--inbox", t.inbox().toString());
        run("tag", "add", "--query", "lighthouse", "favourite");
        run("understand", "--all");
    }

    @Test
    void parquetOpensInAFreshDuckDbWithTheCatalogsRowCountAndColumns() throws Exception {
        Path out = tmp.resolve("out/assets.parquet");
        CliRun r = run("export", "--format", "parquet", "-o", out.toString(), "--json");
        assertThat(JSON.readTree(r.out()).get("rows").asLong()).isEqualTo(3);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(scalar(c, "SELECT count(*) FROM '" + out + "'")).isEqualTo("3");
            assertThat(scalar(c, "SELECT tags_user FROM '" + out + "' WHERE prompt LIKE '%lighthouse%'"))
                    .isEqualTo("[favourite]");
            assertThat(scalar(c, "SELECT count(*) FROM '" + out + "' WHERE description IS NOT NULL "
                    + "AND len(tags_understanding) > 0 AND len(tags_prompt) > 0")).isEqualTo("3");
            assertThat(scalar(c, "SELECT string_agg(column_name, ',' ORDER BY column_index) FROM "
                    + "(SELECT name AS column_name, row_number() OVER () AS column_index FROM parquet_schema('"
                    + out + "') WHERE name <> 'duckdb_schema')")).startsWith("content_hash,path,original_path,");
        }
        assertThat(Files.list(out.getParent()).map(p -> p.getFileName().toString())).containsExactly("assets.parquet");
    }

    @Test
    void catalogRowCountMatchesInAFreshConnection() throws Exception {
        Path out = tmp.resolve("all.parquet");
        run("export", "-o", out.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            c.createStatement().execute("ATTACH '" + lib.resolve(".alice/catalog.duckdb") + "' AS cat (READ_ONLY)");
            assertThat(scalar(c, "SELECT count(*) FROM '" + out + "'"))
                    .isEqualTo(scalar(c, "SELECT count(*) FROM cat.assets")).isEqualTo("3");
        }
    }

    @Test
    void jsonLinesAndCsvCarryTheSameRowsAndAQueryNarrowsThem() throws Exception {
        Path jsonl = tmp.resolve("assets.jsonl");
        Path csv = tmp.resolve("assets.csv");
        run("export", "--format", "jsonl", "-o", jsonl.toString());
        run("export", "--format", "csv", "-o", csv.toString());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            rows.add(JSON.readTree(line));
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("tags_prompt").isArray()).isTrue();
        assertThat(rows.get(0).get("params").isObject()).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(scalar(c, "SELECT count(*) FROM read_csv('" + csv + "', header = true)")).isEqualTo("3");
            assertThat(scalar(c, "SELECT tags_user FROM read_csv('" + csv + "', header = true) "
                    + "WHERE prompt LIKE '%lighthouse%'")).isEqualTo("favourite");
        }
        Path some = tmp.resolve("ramen.jsonl");
        CliRun r = run("export", "--format", "jsonl", "--query", "\"bowl of ramen\"", "-o", some.toString());
        assertThat(r.out()).startsWith("2 assets written");
        assertThat(Files.readAllLines(some)).hasSize(2).allMatch(l -> l.contains("ramen"));
    }

    @Test
    void csvCellsASpreadsheetWouldRunAsFormulasAreTextAndOtherFormatsKeepTheText() throws Exception {
        TempLibrary t = new TempLibrary(tmp.resolve("hostile"));
        String prompt = "=cmd|' /C calc'!A0, a \"quoted\" cat, ölgemälde";
        t.inboxFile("+sum/a.png", TempLibrary.png(prompt, "@model", 7));
        lib = t.library();
        run("organize", "--inbox", t.inbox().toString());
        CliRun tag = CliRun.run("tag", "add", "--query", "cat", "--library", lib.toString(), "--", "-2+3", "-5", "fine");
        assertThat(tag.exit()).as(tag.err()).isZero();
        Path csv = tmp.resolve("hostile.csv");
        Path jsonl = tmp.resolve("hostile.jsonl");
        run("export", "--format", "csv", "-o", csv.toString());
        run("export", "--format", "jsonl", "-o", jsonl.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            String from = " FROM read_csv('" + csv + "', header = true, all_varchar = true)";
            assertThat(scalar(c, "SELECT prompt" + from)).isEqualTo("'" + prompt);
            assertThat(scalar(c, "SELECT project" + from)).isEqualTo("'+sum");
            assertThat(scalar(c, "SELECT model" + from)).isEqualTo("'@model");
            assertThat(scalar(c, "SELECT tags_user" + from)).as("a number is not a formula").isEqualTo("'-2+3 | -5 | fine");
            assertThat(scalar(c, "SELECT negative" + from)).isEqualTo("blurry");
        }
        JsonNode row = JSON.readTree(Files.readAllLines(jsonl).get(0));
        assertThat(row.get("prompt").asText()).isEqualTo(prompt);
        assertThat(row.get("project").asText()).isEqualTo("+sum");
    }

    @Test
    void pandasReadsEveryFormatWithTheCatalogsRows() throws Exception {
        assumeThat(python("import pandas, pyarrow")).as("python3 with pandas and pyarrow (installed by .ci/run)")
                .isZero();
        Path parquet = tmp.resolve("assets.parquet");
        Path csv = tmp.resolve("assets.csv");
        Path jsonl = tmp.resolve("assets.jsonl");
        run("export", "--format", "parquet", "-o", parquet.toString());
        run("export", "--format", "csv", "-o", csv.toString());
        run("export", "--format", "jsonl", "-o", jsonl.toString());
        // each file read by pandas as a user would; one line per format: rows, then the lighthouse's user tags
        String script = String.join("\n",
                "import sys, pandas as pd",
                "frames = [pd.read_parquet(sys.argv[1]), pd.read_csv(sys.argv[2]), pd.read_json(sys.argv[3], lines=True)]",
                "for f in frames:",
                "    row = f[f['prompt'].str.contains('lighthouse')].iloc[0]",
                "    print(len(f), list(f.columns)[:2], list(row['tags_user']) if not isinstance(row['tags_user'], str)"
                        + " else [row['tags_user']])");
        Process p = new ProcessBuilder("python3", "-c", script, parquet.toString(), csv.toString(), jsonl.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().toList()).hasSize(3)
                .allMatch(l -> l.equals("3 ['content_hash', 'path'] ['favourite']"), "3 rows, our columns, the tag");
    }

    private static int python(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    @Test
    void aBadFormatIsAUsageErrorAndWritesNothing() {
        CliRun r = CliRun.run("export", "--format", "xlsx", "-o", tmp.resolve("x.xlsx").toString(), "--library",
                lib.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("parquet, csv or jsonl");
        assertThat(tmp.resolve("x.xlsx")).doesNotExist();
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(lib.toString());
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
