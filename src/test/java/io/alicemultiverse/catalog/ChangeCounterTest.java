package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change counter is cached in the process, yet every write moves it at once — also a write another thread makes
 * through its own connection (an owner's web requests, background batches and the commands it runs for other
 * processes share one catalog, each thread with a connection of its own).
 */
class ChangeCounterTest {
    @TempDir
    Path tmp;

    @Test
    void everyThreadSeesEveryWrite() throws Exception {
        try (Catalog a = Catalog.open(tmp)) {
            List<String> hashes = SyntheticCatalog.write(a, SyntheticCatalog.generate(3, 3, 1));
            long start = a.changeCounter();
            java.sql.Connection mine = a.connection();
            onAnotherThread(() -> {
                assertThat(a.connection()).as("a connection of its own").isNotSameAs(mine);
                assertThat(a.changeCounter()).isEqualTo(start);
                a.searchStore().changeUserTags(hashes, List.of("kept"), true);
            });
            assertThat(a.connection()).isSameAs(mine);
            assertThat(a.changeCounter()).isEqualTo(start + 1);
            a.deleteAssets(hashes.subList(0, 1));
            onAnotherThread(() -> assertThat(a.changeCounter()).isEqualTo(start + 2));
            onAnotherThread(() -> a.understanding().saveUnderstanding(List.of(new UnderstandingRow(hashes.get(1),
                    "local", "m", "1", "a description", "{}", null, null, java.time.LocalDateTime.now(), List.of())),
                    List.of()));
            assertThat(a.changeCounter()).isEqualTo(start + 3);
            onAnotherThread(() -> a.searchStore().putEmbeddings("m", java.util.Map.of(hashes.get(2),
                    new float[384])));
            assertThat(a.changeCounter()).as("embeddings are not search text").isEqualTo(start + 3);
            assertThat(a.reads().tagCounts("user")).containsEntry("kept", 2L);
            java.sql.Connection[] ended = new java.sql.Connection[1];
            onAnotherThread(() -> ended[0] = a.connection());
            onAnotherThread(a::changeCounter);
            assertThat(ended[0].isClosed()).as("a finished thread's connection is closed, not kept").isTrue();
            assertThat(mine.isClosed()).isFalse();
        }
    }

    /** Runs {@code work} on a new thread and waits for it, failing with what failed there. */
    static void onAnotherThread(Runnable work) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        t.start();
        t.join();
        if (failed.get() != null) {
            throw new AssertionError("on another thread", failed.get());
        }
    }
}
