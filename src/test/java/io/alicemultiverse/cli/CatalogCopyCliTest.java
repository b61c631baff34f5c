package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice catalog copy}: a DuckDB library moves to a shared PostgreSQL catalog and back with everything it knew —
 * assets, user tags, the journal (an earlier run can still be undone) — verified, and nothing deleted on the way.
 */
class CatalogCopyCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--library", t.library().toString()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private JsonNode stats(TempLibrary t) throws Exception {
        return JSON.readTree(alice(t, "stats", "--json").lines().get(0));
    }

    @Test
    void toPostgresAndBackKeepsEverything() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < 5; i++) {
            t.inboxFile("acme/owl-" + i + ".png", TempLibrary.png("a snowy owl number " + i, "owl_v1", i));
        }
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        CliRun tag = alice(t, "tag", "add", "keeper", "--query", "owl");
        assertThat(tag.exit()).as(tag.err()).isZero();
        JsonNode before = stats(t);

        String url = TestPostgres.newDatabase();
        CliRun copy = alice(t, "catalog", "copy", "--to", url, "--json");
        assertThat(copy.exit()).as(copy.err()).isZero();
        JsonNode r = JSON.readTree(copy.lines().get(0));
        assertThat(r.get("rows").get("assets").asInt()).isEqualTo(5);
        assertThat(r.get("to").asText()).isEqualTo(url);
        assertThat(Files.exists(t.library().resolve(".alice/catalog.duckdb"))).isFalse();
        try (var kept = Files.list(t.library().resolve(".alice"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("catalog.duckdb.before-copy-"));
        }

        JsonNode onPg = stats(t);
        assertThat(onPg.get("catalog").get("backend").asText()).isEqualTo("postgresql");
        assertThat(onPg.get("by_source")).isEqualTo(before.get("by_source"));
        CliRun found = alice(t, "search", "--tag", "keeper", "--json");
        assertThat(found.exit()).as(found.err()).isZero();
        assertThat(found.out()).contains("owl");
        assertThat(alice(t, "check").exit()).isZero();

        CliRun again = alice(t, "catalog", "copy", "--to", TestPostgres.newDatabase());
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("already uses");

        CliRun back = alice(t, "catalog", "copy", "--to", "duckdb");
        assertThat(back.exit()).as(back.err()).isZero();
        JsonNode onDuck = stats(t);
        assertThat(onDuck.get("catalog").get("backend").asText()).isEqualTo("duckdb");
        assertThat(onDuck.get("assets").asInt()).isEqualTo(5);
        // the journal came along both ways: organize's run is undone from the copied catalog
        CliRun undo = alice(t, "undo", "--json");
        assertThat(undo.exit()).as(undo.err()).isZero();
        assertThat(stats(t).get("assets").asInt()).isZero();
    }

    @Test
    void refusesANonEmptyTarget() throws Exception {
        String url = TestPostgres.newDatabase();
        TempLibrary other = new TempLibrary(tmp.resolve("other"));
        other.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(other, "organize", "--inbox", other.inbox().toString(), "--catalog", url).exit()).isZero();

        TempLibrary t = new TempLibrary(tmp.resolve("mine"));
        t.inboxFile("b.png", TempLibrary.png(2));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        CliRun copy = alice(t, "catalog", "copy", "--to", url);
        assertThat(copy.exit()).isNotZero();
        assertThat(copy.err()).contains("not empty");
        assertThat(stats(t).get("catalog").get("backend").asText()).as("still on DuckDB").isEqualTo("duckdb");
    }

    /**
     * A database holding an older copy of this library (copied there, then back, then organized more) is refused by
     * default with a message naming --replace, and replaced with it: one verified transaction.
     */
    @Test
    void replacesAnOlderCopyOfThisLibraryOnlyWhenAsked() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        String url = TestPostgres.newDatabase();
        assertThat(alice(t, "catalog", "copy", "--to", url).exit()).isZero();
        assertThat(alice(t, "catalog", "copy", "--to", "duckdb").exit()).isZero();
        t.inboxFile("b.png", TempLibrary.png(2));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();

        CliRun refused = alice(t, "catalog", "copy", "--to", url);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("not empty").contains("--replace");
        assertThat(stats(t).get("catalog").get("backend").asText()).isEqualTo("duckdb");
        assertThat(alice(t, "catalog", "copy", "--to", "duckdb", "--replace").exit()).isEqualTo(2);

        CliRun replaced = alice(t, "catalog", "copy", "--to", url, "--replace", "--json");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(JSON.readTree(replaced.lines().get(0)).get("rows").get("assets").asInt()).isEqualTo(2);
        JsonNode onPg = stats(t);
        assertThat(onPg.get("catalog").get("backend").asText()).isEqualTo("postgresql");
        assertThat(onPg.get("assets").asInt()).isEqualTo(2);
        assertThat(alice(t, "check").exit()).isZero();
        assertThat(alice(t, "undo", "--json").exit()).isZero(); // the journal is the replacing one: b's run undone
        assertThat(stats(t).get("assets").asInt()).isEqualTo(1);
    }

    /** --replace never touches a database that holds another library's catalog. */
    @Test
    void replaceRefusesAnotherLibrarysCatalog() throws Exception {
        String url = TestPostgres.newDatabase();
        TempLibrary other = new TempLibrary(tmp.resolve("other"));
        other.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(other, "organize", "--inbox", other.inbox().toString(), "--catalog", url).exit()).isZero();

        TempLibrary t = new TempLibrary(tmp.resolve("mine"));
        t.inboxFile("b.png", TempLibrary.png(2));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        CliRun copy = alice(t, "catalog", "copy", "--to", url, "--replace");
        assertThat(copy.exit()).isNotZero();
        assertThat(copy.err()).contains("does not hold an older copy of this library").contains("nothing replaced");
        assertThat(stats(t).get("catalog").get("backend").asText()).isEqualTo("duckdb");
        assertThat(stats(other).get("assets").asInt()).isEqualTo(1);
        assertThat(alice(other, "check").exit()).isZero();
    }

    @Test
    void copiesBackAndForthTheSameDayKeepingEveryEarlierFile() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        for (int round = 0; round < 2; round++) {
            CliRun there = alice(t, "catalog", "copy", "--to", TestPostgres.newDatabase());
            assertThat(there.exit()).as(there.err()).isZero();
            CliRun back = alice(t, "catalog", "copy", "--to", "duckdb");
            assertThat(back.exit()).as(back.err()).isZero();
        }
        String date = java.time.LocalDate.now().toString();
        try (var kept = Files.list(t.library().resolve(".alice"))) {
            assertThat(kept.map(p -> p.getFileName().toString()).filter(n -> n.contains("before-copy")))
                    .as("the second copy of the day sets its files aside beside the first, never over them")
                    .containsExactlyInAnyOrder("catalog.duckdb.before-copy-" + date,
                            "catalog.duckdb.before-copy-" + date + "-2", "catalog.url.before-copy-" + date,
                            "catalog.url.before-copy-" + date + "-2");
        }
        assertThat(stats(t).get("assets").asInt()).isEqualTo(1);
    }

    @Test
    void aCopyBackThatWasInterruptedRunsAgain() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString(), "--catalog",
                TestPostgres.newDatabase()).exit()).isZero();
        // what a copy back killed before its one transaction committed leaves: a DuckDB file holding no rows
        Path duck = t.library().resolve(".alice/catalog.duckdb");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + duck)) {
            c.createStatement().execute("CHECKPOINT");
        }
        CliRun again = alice(t, "catalog", "copy", "--to", "duckdb");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(stats(t).get("catalog").get("backend").asText()).isEqualTo("duckdb");
        assertThat(stats(t).get("assets").asInt()).isEqualTo(1);
    }

    @Test
    void aCopyBackRefusesADuckDbCatalogThatHoldsAssets() throws Exception {
        TempLibrary old = new TempLibrary(tmp.resolve("old"));
        old.inboxFile("b.png", TempLibrary.png(2));
        assertThat(alice(old, "organize", "--inbox", old.inbox().toString()).exit()).isZero();
        TempLibrary t = new TempLibrary(tmp.resolve("shared"));
        t.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString(), "--catalog",
                TestPostgres.newDatabase()).exit()).isZero();
        Path duck = t.library().resolve(".alice/catalog.duckdb");
        Files.copy(old.library().resolve(".alice/catalog.duckdb"), duck);
        CliRun back = alice(t, "catalog", "copy", "--to", "duckdb");
        assertThat(back.exit()).isNotZero();
        assertThat(back.err()).contains("move it away");
        assertThat(Files.size(duck)).as("left as it was").isEqualTo(Files.size(old.library().resolve(".alice/catalog.duckdb")));
    }

    @Test
    void aSecondLibraryFolderIsRefusedASharedCatalogAnotherLibraryFills() throws Exception {
        String url = TestPostgres.newDatabase();
        TempLibrary first = new TempLibrary(tmp.resolve("first"));
        first.inboxFile("a.png", TempLibrary.png(1));
        assertThat(alice(first, "organize", "--inbox", first.inbox().toString(), "--catalog", url).exit()).isZero();

        TempLibrary other = new TempLibrary(tmp.resolve("other"));
        other.inboxFile("b.png", TempLibrary.png(2));
        CliRun joined = alice(other, "organize", "--inbox", other.inbox().toString(), "--catalog", url);
        assertThat(joined.exit()).isNotZero();
        assertThat(joined.err()).contains("already holds another library's catalog");
        CliRun check = alice(other, "check", "--catalog", url);
        assertThat(check.exit()).isNotZero();
        assertThat(check.out()).doesNotContain("missing");
        // the first library, wherever it is mounted, still opens it
        Path mountedElsewhere = tmp.resolve("mounted-elsewhere");
        Files.move(first.library(), mountedElsewhere);
        CliRun stats = CliRun.run("stats", "--json", "--library", mountedElsewhere.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(JSON.readTree(stats.lines().get(0)).get("assets").asInt()).isEqualTo(1);
    }
}
