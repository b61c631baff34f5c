package io.alicemultiverse.app;

import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.library.CheckReport;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice check} forwarded to the process that owns a DuckDB catalog (a watch) while that process's own organize
 * run is under way: a file the run has placed but not yet catalogued is in flight, not "not in the catalog" (a check
 * beside a 2,000-file watch run reported 158 such files unknown, exit 1); once the run has finished, an uncatalogued
 * file there is unknown again.
 */
class CheckBesideOwnRunTest {
    @TempDir
    Path tmp;

    @Test
    void aFileThisProcesssLiveRunIsPlacingIsInFlightNotUnknown() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT),
                Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            String rel = "2026-12-07/acme/unknown/acme-00002.png";
            Path placed = t.library().resolve(rel);
            String run = "20261207-070000-0wn00000";
            library.catalog().journal().startRun(new RunInfo(run, "organize", "copy", t.inbox().toString(),
                    LocalDateTime.now(), null, "running"));
            Path source = t.inboxFile("acme/b.png", TempLibrary.png(2));
            library.catalog().journal().write(List.of(new JournalEntry(run, 1, JournalOp.COPY, source.toString(),
                    placed.toString(), "b".repeat(64), JournalState.PLANNED)));
            Files.createDirectories(placed.getParent());
            Files.copy(source, placed); // copied, its row not yet committed

            CheckReport during = library.check(false);
            assertThat(during.unknown()).isEmpty();
            assertThat(during.inFlight()).containsExactly(rel);

            library.catalog().journal().finishRun(run, "failed");
            CheckReport after = library.check(false);
            assertThat(after.inFlight()).isEmpty();
            assertThat(after.unknown()).containsExactly(rel);
        }
    }
}
