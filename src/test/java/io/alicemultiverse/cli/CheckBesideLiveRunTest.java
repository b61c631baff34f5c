package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice check} on a shared catalog while another machine's organize is under way: a file that run has
 * placed but not yet catalogued is in flight, not "not in the catalog"; once that run's lease has ended (its
 * process gone), the same file is an orphan for {@code check --repair} to take.
 */
class CheckBesideLiveRunTest {
    @TempDir
    Path tmp;

    @Test
    void aFileAnotherMachinesLiveRunIsPlacingIsInFlightNotUnknown() throws Exception {
        String url = TestPostgres.newDatabase();
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        CliRun organized = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library",
                t.library().toString(), "--catalog", url);
        assertThat(organized.exit()).as(organized.err()).isZero();

        String rel = "2026-12-07/acme/unknown/acme-00002.png";
        Path placed = t.library().resolve(rel);
        Catalog other = Catalog.open(t.library(), CatalogUrl.parse(url, Map.of())); // the other machine's process
        try {
            String run = "20261207-070000-0ther000";
            other.journal().startRun(new RunInfo(run, "organize", "copy", t.inbox().toString(), LocalDateTime.now(),
                    null, "running"));
            Path source = t.inboxFile("acme/b.png", TempLibrary.png(2));
            other.journal().write(List.of(new JournalEntry(run, 1, JournalOp.COPY, source.toString(),
                    placed.toString(), "b".repeat(64), JournalState.PLANNED)));
            Files.createDirectories(placed.getParent());
            Files.copy(source, placed); // copied, its row not yet committed

            CliRun check = CliRun.run("check", "--json", "--library", t.library().toString());
            assertThat(check.exit()).as(check.out() + check.err()).isZero();
            JsonNode report = check.json().get(0);
            assertThat(report.get("unknown")).isEmpty();
            assertThat(report.get("in_flight").toString()).contains(rel);
            CliRun text = CliRun.run("check", "--library", t.library().toString());
            assertThat(text.out()).contains("in flight  " + rel).contains("0 not in the catalog");
        } finally {
            other.close(); // the process ends: its lease with it
        }
        JsonNode after = null;
        for (int i = 0; i < 100; i++) { // the server drops the lease as the session's backend exits, a moment later
            after = CliRun.run("check", "--json", "--library", t.library().toString()).json().get(0);
            if (after.get("in_flight").isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(after.get("in_flight")).isEmpty();
        assertThat(after.get("unknown").toString()).contains(rel);
    }
}
