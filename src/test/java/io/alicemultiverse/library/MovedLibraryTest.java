package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.catalog.Journal;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.CrashCorpus;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import io.alicemultiverse.testsupport.XmpFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the journal keeps library paths relative to the library, so a run journaled while the library was at
 * one place is undone, or settled after a crash, where the library is now — a folder moved or renamed, or a shared
 * library another machine mounts elsewhere. On both backends; the inbox stays where it was.
 */
class MovedLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "20260101-000000-0bad";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void aRunIsUndoneAfterTheLibraryMoved(String backend) throws Exception {
        TempLibrary t = new TempLibrary(tmp.resolve("first-mount"));
        for (int i = 0; i < 3; i++) {
            t.inboxFile("p/f" + i + ".png", TempLibrary.png(i));
        }
        t.inboxFile("p/f0.png.xmp", XmpFiles.sidecar(4, "Sunset"));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        List<String> organize = new ArrayList<>(List.of("organize", "--move", "--json", "--inbox",
                t.inbox().toString()));
        if (backend.equals("postgresql")) {
            organize.addAll(List.of("--catalog", TestPostgres.newDatabase()));
        }
        CliRun organized = alice(t.library(), organize.toArray(String[]::new));
        assertThat(organized.exit()).as(organized.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        String run = JSON.readTree(organized.lines().get(organized.lines().size() - 1)).get("run").asText();

        Path library = moved(t.library());
        assertThat(alice(library, "check").exit()).isZero();
        CliRun undo = alice(library, "undo", run, "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(JSON.readTree(undo.lines().get(0)).get("skipped")).isEmpty();
        assertThat(TempLibrary.fingerprint(t.inbox())).as("every file and its sidecar back").isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(library)).isEmpty();
        CliRun check = alice(library, "check", "--json");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void anInterruptedRunIsSettledWhereTheLibraryIsNow(String backend) throws Exception {
        TempLibrary t = new TempLibrary(tmp.resolve("first-mount"));
        Path first = t.inboxFile("p/a.png", TempLibrary.png(1));
        Path second = t.inboxFile("p/b.png", TempLibrary.png(2));
        Map<String, String> given = TempLibrary.fingerprint(t.inbox());
        String url = backend.equals("postgresql") ? TestPostgres.newDatabase() : null;

        // a move run killed after placing the first file, before removing it from the inbox or committing anything
        try (Catalog c = open(t.library(), url)) {
            c.journal().startRun(new RunInfo(RUN, "organize", "move", t.inbox().toString(), LocalDateTime.now(), null,
                    "running"));
            Path placed = t.library().resolve("2026-01-01/p/automatic1111/p-00001.png");
            c.journal().write(List.of(
                    new JournalEntry(RUN, 1, JournalOp.MOVE, first.toString(), placed.toString(),
                            given.get("p/a.png"), JournalState.PLANNED),
                    new JournalEntry(RUN, 2, JournalOp.MOVE, second.toString(),
                            t.library().resolve("2026-01-01/p/automatic1111/p-00002.png").toString(),
                            given.get("p/b.png"), JournalState.PLANNED)));
            Files.createDirectories(placed.getParent());
            Files.copy(first, placed);
        }

        Path library = moved(t.library());
        if (url != null) {
            awaitLeaseEnded(library, url);
        }
        CliRun organize = alice(library, "organize", "--move", "--inbox", t.inbox().toString());
        assertThat(organize.exit()).as(organize.out() + organize.err()).isZero();
        Map<String, String> filed = TempLibrary.fingerprint(library);
        assertThat(new HashSet<>(filed.values())).as("every content in the library").isEqualTo(
                new HashSet<>(given.values()));
        assertThat(filed).as("each once: the placed file was settled, not filed again").hasSize(2)
                .containsKey("2026-01-01/p/automatic1111/p-00001.png");
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        try (Catalog c = open(library, url)) {
            assertThat(c.journal().entries(RUN)).extracting(JournalEntry::state)
                    .containsExactly(JournalState.DONE, JournalState.FAILED);
            assertThat(c.assetCount()).isEqualTo(2);
        }
        CliRun check = alice(library, "check", "--json");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        JsonNode report = JSON.readTree(check.lines().get(0));
        assertThat(report.get("missing")).isEmpty();
        assertThat(report.get("unknown")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void aDedupTrashIsUndoneWithTheFactsItsManifestKeptAfterTheLibraryMoved(String backend) throws Exception {
        TempLibrary t = new TempLibrary(tmp.resolve("first-mount"));
        byte[] png = CrashCorpus.png(Pictures.photo(7, 48, 48, 6));
        t.inboxFile("shoot/a.png", png);
        t.inboxFile("shoot/b.png", CrashCorpus.withText(png, "Comment", "same pixels, other bytes"));
        List<String> organize = new ArrayList<>(List.of("organize", "--inbox", t.inbox().toString()));
        String url = backend.equals("postgresql") ? TestPostgres.newDatabase() : null;
        if (url != null) {
            organize.addAll(List.of("--catalog", url));
        }
        assertThat(alice(t.library(), organize.toArray(String[]::new)).exit()).isZero();
        Map<String, String> files = TempLibrary.fingerprint(t.library());
        Map<String, String> facts = facts(t.library(), url, files.values());
        CliRun trashed = alice(t.library(), "dedup", "--apply", "trash", "--max-distance", "0", "--json");
        assertThat(trashed.exit()).as(trashed.out() + trashed.err()).isZero();
        String run = JSON.readTree(trashed.lines().get(trashed.lines().size() - 1)).get("run").asText();
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(1);

        Path library = moved(t.library());
        CliRun undo = alice(library, "undo", run, "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(library)).isEqualTo(files);
        assertThat(facts(library, url, files.values())).as("original path, project and run as before")
                .isEqualTo(facts);
    }

    /** What the catalog says of each content that a re-analysis of the file cannot give back. */
    private static Map<String, String> facts(Path library, String url, Iterable<String> hashes) {
        Map<String, String> out = new java.util.HashMap<>();
        try (Catalog c = open(library, url)) {
            for (String h : hashes) {
                Map<String, Object> row = c.views().asset(h).orElseThrow();
                out.put(h, row.get("original_path") + " | " + row.get("project") + " | " + row.get("run"));
            }
        }
        return out;
    }

    /** The library folder moved and renamed, its catalog (or the pointer to the shared one) with it. */
    private Path moved(Path library) throws Exception {
        Path to = tmp.resolve("second-mount/renamed-library");
        Files.createDirectories(to.getParent());
        Files.move(library, to);
        return to;
    }

    private static Catalog open(Path library, String url) {
        return url == null ? Catalog.open(library) : Catalog.open(library, CatalogUrl.parse(url, Map.of()));
    }

    /** The server drops a closed session's run leases as its backend exits, a moment after the client has gone. */
    private static void awaitLeaseEnded(Path library, String url) throws Exception {
        try (Catalog c = open(library, url)) {
            for (int i = 0; i < 200; i++) {
                try (Journal.Interrupted seen = c.journal().interrupted()) {
                    if (!seen.entries().isEmpty()) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the run's lease never ended");
    }

    private static CliRun alice(Path library, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--library", library.toString()));
        return CliRun.run(all.toArray(String[]::new));
    }
}
