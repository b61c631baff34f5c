package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.CrashCorpus;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code undo} killed after some of its restores happened (found by {@code CrashLoopTest}): the operations it
 * reversed used to stay {@code done}, so the journal claimed files in places they had left, and the next undo
 * reported them "missing or changed" and exited 1. Recovery now marks them undone.
 */
class InterruptedUndoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNDO_RUN = "20260101-000000-beef";

    @TempDir
    Path tmp;

    @Test
    void undoAfterAnInterruptedUndoFinishesTheRestCleanly() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < 3; i++) {
            t.inboxFile("p/f" + i + ".png", TempLibrary.png(i));
        }
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        CliRun organized = alice(t, "organize", "--move", "--json", "--inbox", t.inbox().toString());
        assertThat(organized.exit()).as(organized.err()).isZero();
        String run = JSON.readTree(organized.lines().get(organized.lines().size() - 1)).get("run").asText();

        // the killed undo: every restore journaled, the first one carried out, nothing committed
        try (Catalog catalog = Catalog.open(t.library())) {
            List<JournalEntry> done = catalog.journal().entries(run);
            catalog.journal().startRun(new RunInfo(UNDO_RUN, "undo", run, t.inbox().toString(), LocalDateTime.now(),
                    null, "running"));
            List<JournalEntry> restores = new ArrayList<>();
            for (JournalEntry e : done) {
                restores.add(new JournalEntry(UNDO_RUN, restores.size() + 1, JournalOp.RESTORE, e.target(), e.source(),
                        e.contentHash(), JournalState.PLANNED));
            }
            catalog.journal().write(restores);
            Files.move(Path.of(restores.get(0).source()), Path.of(restores.get(0).target()));
        }

        CliRun undo = alice(t, "undo", run, "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(JSON.readTree(undo.lines().get(0)).get("skipped")).isEmpty();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
        try (Catalog catalog = Catalog.open(t.library())) {
            assertThat(catalog.journal().entries(run)).extracting(JournalEntry::state).containsOnly(JournalState.UNDONE);
            assertThat(catalog.journal().runs()).filteredOn(r -> r.run().equals(UNDO_RUN))
                    .extracting(RunInfo::status).containsExactly("interrupted");
            assertThat(catalog.assetCount()).isZero();
        }
        assertThat(alice(t, "check").exit()).isZero();
    }

    @Test
    void anInterruptedUndoOfAHardlinkRunLeavesNothingClaimedTwice() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        byte[] png = CrashCorpus.png(Pictures.photo(7, 48, 48, 6));
        t.inboxFile("p/a.png", png);
        t.inboxFile("p/b.png", CrashCorpus.splitIdat(png));
        assertThat(alice(t, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        Map<String, String> library = TempLibrary.fingerprint(t.library());
        CliRun linked = alice(t, "dedup", "--apply", "hardlink", "--max-distance", "0", "--json");
        assertThat(linked.exit()).as(linked.out()).isZero();
        String run = JSON.readTree(linked.lines().get(linked.lines().size() - 1)).get("run").asText();

        // the killed undo: the member's bytes renamed back over the link, nothing committed
        try (Catalog catalog = Catalog.open(t.library())) {
            JournalEntry trashLink = catalog.journal().entries(run).stream()
                    .filter(e -> e.operation() == JournalOp.TRASH_LINK).findFirst().orElseThrow();
            catalog.journal().startRun(new RunInfo(UNDO_RUN, "undo", run, null, LocalDateTime.now(), null, "running"));
            catalog.journal().write(List.of(new JournalEntry(UNDO_RUN, 1, JournalOp.UNHARDLINK, trashLink.target(),
                    trashLink.source(), trashLink.contentHash(), JournalState.PLANNED)));
            Files.move(Path.of(trashLink.target()), Path.of(trashLink.source()), StandardCopyOption.ATOMIC_MOVE);
        }

        CliRun check = alice(t, "check", "--repair", "--json");
        assertThat(check.exit()).isZero();
        JsonNode report = JSON.readTree(check.lines().get(0));
        assertThat(report.get("missing")).isEmpty();
        assertThat(report.get("unknown")).isEmpty();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(library);
        try (Catalog catalog = Catalog.open(t.library())) {
            assertThat(catalog.journal().entries(run)).extracting(JournalEntry::state).containsOnly(JournalState.UNDONE);
            assertThat(catalog.journal().runs()).filteredOn(r -> r.run().equals(run))
                    .extracting(RunInfo::status).containsExactly("undone");
            assertThat(catalog.assetCount()).isEqualTo(2);
        }
        CliRun undoOrganize = alice(t, "undo", "--json");
        assertThat(undoOrganize.exit()).as(undoOrganize.out()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
    }

    private static CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }
}
