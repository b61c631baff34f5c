package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a shared catalog the activities only one process may do at a time are held by exactly one connection, released
 * when it closes (as a killed process's connection does), and a waiting process learns who it waits for.
 */
class ActivityLocksTest {
    @TempDir
    Path tmp;

    @Test
    void oneProcessAdvancesVideoJobsUntilItsConnectionCloses() throws InterruptedException {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog a = Catalog.open(tmp, url); Catalog b = Catalog.open(tmp, url)) {
            assertThat(a.videoJobs().claimAdvancing()).isTrue();
            assertThat(a.videoJobs().claimAdvancing()).as("reentrant").isTrue();
            assertThat(b.videoJobs().claimAdvancing()).isFalse();
            assertThat(b.claim(Catalog.Activity.UNDERSTANDING)).as("another activity is free").isTrue();
            a.close();
            // the server ends the closed session's backend, and with it the lock, a moment after the client closes
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            boolean claimed = b.videoJobs().claimAdvancing();
            while (!claimed && System.nanoTime() < deadline) {
                Thread.sleep(20);
                claimed = b.videoJobs().claimAdvancing();
            }
            assertThat(claimed).as("lost with the connection").isTrue();
        }
    }

    @Test
    void aSecondWriterWaitsAndIsToldWhoHoldsTheLock() throws Exception {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog a = Catalog.open(tmp, url); Catalog b = Catalog.open(tmp, url)) {
            List<String> told = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> second;
            try (Catalog.WriterLock held = a.exclusiveWriter(null)) {
                second = CompletableFuture.runAsync(() -> {
                    try (Catalog.WriterLock mine = b.exclusiveWriter(told::add)) {
                        b.journal().write(List.of(new JournalEntry("r2", 1, JournalOp.MOVE, "s", "t", null,
                                JournalState.DONE)));
                    }
                });
                Thread.sleep(1_500);
                assertThat(second).as("waits while the first holds it").isNotDone();
                assertThat(told).singleElement().asString().startsWith("alice pid " + ProcessHandle.current().pid());
            }
            second.get(30, TimeUnit.SECONDS);
            assertThat(a.journal().entries("r2")).hasSize(1);
        }
    }

    @Test
    void onDuckDbEveryClaimIsThisProcesssAlready() {
        try (Catalog c = Catalog.open(tmp)) {
            assertThat(c.claim(Catalog.Activity.VIDEO_JOBS)).isTrue();
            try (Catalog.WriterLock free = c.exclusive(Catalog.Activity.FILES, who -> {
                throw new AssertionError("DuckDB never waits: " + who);
            })) {
                assertThat(c.shared()).isFalse();
            }
        }
    }
}
