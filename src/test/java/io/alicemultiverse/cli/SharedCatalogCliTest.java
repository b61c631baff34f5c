package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library on a shared PostgreSQL catalog, from the command line as a studio uses it (issue 19): the URL is given
 * once and recorded in the library, every later command follows it, and several organize processes at once into the
 * one library file every file exactly once under unique names.
 */
class SharedCatalogCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--library", t.library().toString()));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** A library whose inbox holds {@code n} generated fox images in project folder {@code acme}. */
    private TempLibrary foxes(int n) throws java.io.IOException {
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < n; i++) {
            t.inboxFile("acme/fox-" + i + ".png", TempLibrary.png("a red fox number " + i, "fox_v1", i));
        }
        return t;
    }

    @Test
    void organizeSearchCheckAndUndoOnPostgres() throws Exception {
        TempLibrary t = foxes(6);
        String url = TestPostgres.newDatabase();
        CliRun organize = alice(t, "organize", "--inbox", t.inbox().toString(), "--catalog", url);
        assertThat(organize.exit()).as(organize.err()).isZero();
        assertThat(Files.exists(t.library().resolve(".alice/catalog.duckdb"))).as("no DuckDB beside it").isFalse();
        assertThat(Files.readString(t.library().resolve(".alice/catalog.url")).strip()).isEqualTo(url);

        JsonNode stats = JSON.readTree(alice(t, "stats", "--json").lines().get(0));
        assertThat(stats.get("assets").asInt()).isEqualTo(6);
        assertThat(stats.get("catalog").get("backend").asText()).isEqualTo("postgresql");
        assertThat(stats.get("catalog").get("location").asText()).isEqualTo(url);

        CliRun search = alice(t, "search", "fox", "--json");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("acme-00001.png");
        assertThat(alice(t, "check").exit()).isZero();

        CliRun undo = alice(t, "undo", "--json");
        assertThat(undo.exit()).as(undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).hasSize(6);
        assertThat(JSON.readTree(alice(t, "stats", "--json").lines().get(0)).get("assets").asInt()).isZero();
    }

    @Test
    void anUndoWaitingForAnotherMachinesOrganizeRunSaysWhoItWaitsFor() throws Exception {
        TempLibrary t = foxes(3);
        String url = TestPostgres.newDatabase();
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString(), "--catalog", url).exit()).isZero();
        try (io.alicemultiverse.catalog.Catalog other = io.alicemultiverse.catalog.Catalog.open(t.library(),
                io.alicemultiverse.catalog.CatalogUrl.parse(url, Map.of()))) {
            java.util.concurrent.CompletableFuture<CliRun> undo;
            // another machine's organize run under way: the undo waits for it to end
            try (io.alicemultiverse.catalog.Catalog.WriterLock organizing = other.concurrentWriter(null)) {
                undo = java.util.concurrent.CompletableFuture.supplyAsync(() -> alice(t, "undo", "--json"));
                Thread.sleep(1_500);
                assertThat(undo).as("waiting").isNotDone();
            }
            CliRun done = undo.get(60, TimeUnit.SECONDS);
            assertThat(done.exit()).as(done.err()).isZero();
            assertThat(done.err()).contains("alice: waiting for ").contains(" to finish its run on this library");
        }
        assertThat(JSON.readTree(alice(t, "stats", "--json").lines().get(0)).get("assets").asInt()).isZero();
    }

    @Test
    void aWrongOrForeignCatalogIsRefusedWithoutShowingThePassword() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a.png", TempLibrary.png(1));
        CliRun bad = alice(t, "stats", "--catalog", "mysql://root:hunter2@db/alice");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("postgresql://").doesNotContain("hunter2");

        CliRun unreachable = alice(t, "stats", "--catalog", "postgresql://alice:hunter2@127.0.0.1:1/alice");
        assertThat(unreachable.exit()).isNotZero();
        assertThat(unreachable.err()).contains("postgresql://alice@127.0.0.1:1/alice").doesNotContain("hunter2");
        CliRun unknown = alice(t, "stats", "--catalog", "postgresql://alice@nosuchhost.invalid/alice");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no address found for the host name nosuchhost.invalid");

        // a library with its own DuckDB catalog is not split by opening an empty shared one beside it
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        CliRun split = alice(t, "stats", "--catalog", TestPostgres.newDatabase());
        assertThat(split.exit()).isNotZero();
        assertThat(split.err()).contains("alice catalog copy");
    }

    @Test
    void fourOrganizeProcessesAtOnceFileEveryFileOnceUnderUniqueNames() throws Exception {
        int common = 6; // files every inbox holds
        Path library = tmp.resolve("library");
        String url = TestPostgres.newDatabase();
        int perInbox = 30;
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Path inbox = tmp.resolve("inbox-" + p);
            for (int i = 0; i < perInbox; i++) {
                // one project and source for all four: every process numbers in the same sequence
                Path f = inbox.resolve("studio/img-" + i + ".png");
                Files.createDirectories(f.getParent());
                Files.write(f, TempLibrary.png("machine " + p + " picture " + i, "m", p * 1000 + i));
            }
            // the same files in every inbox: one copy each is stored, the others are recorded as duplicates
            for (int i = 0; i < common; i++) {
                Files.write(inbox.resolve("studio/shared-" + i + ".png"), TempLibrary.png("the same everywhere " + i,
                        "m", 7 + i));
            }
            running.add(AliceProcess.builder("organize", "--inbox", inbox.toString(), "--library", library.toString(),
                    "--catalog", url).redirectErrorStream(true).redirectOutput(tmp.resolve("out-" + p).toFile()).start());
        }
        for (Process p : running) {
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
        }
        for (int p = 0; p < 4; p++) {
            String out = Files.readString(tmp.resolve("out-" + p));
            assertThat(running.get(p).exitValue()).as(out).isZero();
            assertThat(out).as("organize runs go on at once, none waits for another").doesNotContain("waiting for");
        }
        Map<String, String> files = TempLibrary.fingerprint(library);
        Map<String, String> kept = new java.util.HashMap<>(files);
        kept.keySet().removeIf(k -> k.startsWith("duplicates"));
        Set<String> contents = new HashSet<>(kept.values());
        assertThat(contents).as("every distinct file once").hasSize(4 * perInbox + common);
        assertThat(kept).hasSize(4 * perInbox + common);
        CliRun check = CliRun.run("check", "--json", "--library", library.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        JsonNode stats = JSON.readTree(CliRun.run("stats", "--json", "--library", library.toString()).lines().get(0));
        assertThat(stats.get("assets").asInt()).isEqualTo(4 * perInbox + common);
        for (int p = 0; p < 4; p++) {
            assertThat(TempLibrary.fingerprint(tmp.resolve("inbox-" + p))).as("copied, inbox %d intact", p)
                    .hasSize(perInbox + common);
        }
    }

    @Test
    void aContentAnotherLiveRunIsFilingStaysInTheInboxUntilThatRunHasFinished() throws Exception {
        Path library = tmp.resolve("library");
        Path inbox = tmp.resolve("inbox");
        Files.createDirectories(inbox.resolve("studio"));
        Files.write(inbox.resolve("studio/same.png"), TempLibrary.png("filed elsewhere too", "m", 1));
        Files.write(inbox.resolve("studio/own.png"), TempLibrary.png("only here", "m", 2));
        String hash = TempLibrary.sha256(inbox.resolve("studio/same.png"));
        String url = TestPostgres.newDatabase();
        io.alicemultiverse.catalog.JournalEntry planned = new io.alicemultiverse.catalog.JournalEntry("other-run", 1,
                io.alicemultiverse.catalog.JournalOp.COPY, "/elsewhere/same.png",
                library.resolve("studio/elsewhere.png").toString(), hash,
                io.alicemultiverse.catalog.JournalState.PLANNED);
        // another machine's live run has planned to file the same content and not finished
        try (io.alicemultiverse.catalog.Catalog other = io.alicemultiverse.catalog.Catalog.open(library,
                io.alicemultiverse.catalog.CatalogUrl.parse(url, Map.of()))) {
            other.journal().startRun(new io.alicemultiverse.catalog.RunInfo("other-run", "organize", "copy",
                    "/elsewhere", java.time.LocalDateTime.now(), null, "running"));
            other.journal().write(List.of(planned));

            CliRun first = CliRun.run("organize", "--inbox", inbox.toString(), "--library", library.toString(),
                    "--catalog", url);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out() + first.err()).contains("another run is filing the same content");
            assertThat(TempLibrary.fingerprint(library).values()).as("neither stored twice nor parked")
                    .doesNotContain(hash).hasSize(1);

            // that run could not place it after all
            other.journal().write(List.of(planned.withState(io.alicemultiverse.catalog.JournalState.FAILED)));
            other.journal().finishRun("other-run", "done");
        }
        CliRun again = CliRun.run("organize", "--inbox", inbox.toString(), "--library", library.toString(),
                "--catalog", url);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(TempLibrary.fingerprint(library).values()).as("filed by the next run").contains(hash).hasSize(2);
    }
}
