package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: on a shared catalog organize runs on several machines go on at once. Each run holds a lease for as long
 * as its process lives; its interrupted operations are settled by exactly one other process, and only once the lease
 * has ended. Runs see what the others have placed, planned and numbered.
 */
class SharedRunsTest {
    @TempDir
    Path tmp;

    private static RunInfo run(String id) {
        return new RunInfo(id, "organize", "move", "/inbox", LocalDateTime.now(), null, "running");
    }

    private static JournalEntry planned(String run, int seq, String hash) {
        return new JournalEntry(run, seq, JournalOp.MOVE, "/inbox/" + seq + ".png", "/library/" + seq + ".png", hash,
                JournalState.PLANNED);
    }

    @Test
    void aLiveRunIsLeftAloneAndADeadOneIsSettledByOneProcessOnly() throws Exception {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog a = Catalog.open(tmp, url); Catalog b = Catalog.open(tmp, url); Catalog c = Catalog.open(tmp, url)) {
            a.journal().startRun(run("20261205-000000-aaaaaaaa"));
            a.journal().write(List.of(planned("20261205-000000-aaaaaaaa", 1, "h1")));
            try (Journal.Interrupted seen = b.journal().interrupted()) {
                assertThat(seen.entries()).as("a's run is live").isEmpty();
                assertThat(seen.leftToLiveRuns()).isEqualTo(1);
            }
            assertThat(a.journal().interrupted().entries()).as("nor does a settle its own live run").isEmpty();
            assertThat(b.journal().ended(Set.of("20261205-000000-aaaaaaaa", "20261205-000000-bbbbbbbb")))
                    .containsExactly("20261205-000000-bbbbbbbb");

            a.close(); // the process dies: its session, and so its lease, ends
            // the server drops the session's locks as its backend exits, a moment after the client has gone
            Journal.Interrupted claimed = null;
            for (int i = 0; i < 200 && claimed == null; i++) {
                Journal.Interrupted seen = b.journal().interrupted();
                if (seen.entries().isEmpty()) {
                    seen.close();
                    Thread.sleep(50);
                } else {
                    claimed = seen;
                }
            }
            assertThat(claimed).as("settled once the session has ended").isNotNull();
            try (Journal.Interrupted settling = claimed) {
                assertThat(settling.entries()).extracting(JournalEntry::contentHash).containsExactly("h1");
                try (Journal.Interrupted other = c.journal().interrupted()) {
                    assertThat(other.entries()).as("b is settling it").isEmpty();
                }
            }
            try (Journal.Interrupted other = c.journal().interrupted()) {
                assertThat(other.entries()).as("free again once b let go").hasSize(1);
            }
        }
    }

    @Test
    void organizeRunsShareTheWriterLockWhileUndoWaitsForAllOfThem() throws Exception {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog a = Catalog.open(tmp, url); Catalog b = Catalog.open(tmp, url); Catalog c = Catalog.open(tmp, url)) {
            List<String> told = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> undo;
            try (Catalog.WriterLock first = a.concurrentWriter(w -> told.add("a: " + w));
                 Catalog.WriterLock second = b.concurrentWriter(w -> told.add("b: " + w))) {
                assertThat(told).as("two organize runs at once, neither waits").isEmpty();
                undo = CompletableFuture.runAsync(() -> {
                    try (Catalog.WriterLock alone = c.exclusiveWriter(told::add)) {
                        c.journal().write(List.of(new JournalEntry("u", 1, JournalOp.RESTORE, "s", "t", "h",
                                JournalState.DONE)));
                    }
                });
                Thread.sleep(1_000);
                assertThat(undo).as("undo waits for the organize runs").isNotDone();
            }
            undo.get(30, TimeUnit.SECONDS);
            assertThat(told).singleElement().asString().startsWith("alice pid ");
        }
    }

    @Test
    void aRunSeesWhatOthersPlacedOrPlannedAndTheNumbersTheyTook() {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog a = Catalog.open(tmp, url); Catalog b = Catalog.open(tmp, url)) {
            a.journal().write(List.of(planned("r1", 1, "planned"), planned("r1", 2, "failed"),
                    planned("r1", 2, "failed").withState(JournalState.FAILED)));
            CatalogBatch batch = new CatalogBatch();
            batch.add(new AssetRecord("placed", "p/one.png", "/inbox/one.png", "image", "png", 1, 1, null, 1L, 1L,
                    "comfyui", true, "p", LocalDateTime.now(), LocalDateTime.now(), null, null, null, List.of(),
                    null, null, "r0", List.of(), null, null));
            a.commit(batch);
            Journal.Taken taken = b.journal().taken(List.of("planned", "failed", "placed", "new"));
            assertThat(taken.placed()).containsExactlyEntriesOf(Map.of("placed", "p/one.png"));
            assertThat(taken.planned()).as("planned and not finished; a failed line is not").containsExactly("planned");

            a.numbering().advance(Map.of("p/comfyui", 7, "p/midjourney", 2));
            b.numbering().advance(Map.of("p/comfyui", 5, "q/comfyui", 1));
            assertThat(a.numbering().read()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("p/comfyui", 7, "p/midjourney", 2, "q/comfyui", 1));
        }
    }
}
