package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.library.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One library per process: an owner lends its open library to the commands it runs for other alice processes, and
 * the library's own locks keep them apart — a command settling interrupted operations waits for a run under way on
 * another thread instead of settling it.
 */
class LentLibraryTest {
    @TempDir
    Path root;

    @Test
    void aLentLibraryIsTheOwnersAndClosesWithIt() {
        Path lib = root.resolve("library");
        LibraryService owner = LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemUTC());
        try (LibraryService lent = owner.lend(lib, Layout.of(Layout.DEFAULT))) {
            assertThat(lent).isSameAs(owner);
            assertThat(lent.catalog()).isSameAs(owner.catalog());
        }
        assertThat(owner.catalog().assetCount()).as("still open after the command closed it").isZero();
        assertThatThrownBy(() -> owner.lend(root.resolve("elsewhere"), Layout.of(Layout.DEFAULT)))
                .hasMessageContaining("elsewhere");
        assertThatThrownBy(() -> owner.lend(lib, Layout.of("{hash8}{ext}"))).hasMessageContaining("{hash8}{ext}");
        owner.close();
        assertThatThrownBy(() -> owner.lend(lib, Layout.of(Layout.DEFAULT))).hasMessageContaining("closing");
        assertThatThrownBy(() -> owner.catalog().assetCount()).as("closed with its opener")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void settlingWaitsForARunUnderWayOnAnotherThread() throws Exception {
        Path lib = root.resolve("library");
        try (LibraryService owner = LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemUTC())) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Thread watchRun = new Thread(() -> { // an owner's organize run, holding the writer lock as it does
                try (Catalog.WriterLock lock = owner.catalog().concurrentWriter(null)) {
                    running.countDown();
                    finish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            watchRun.start();
            running.await();
            CountDownLatch settled = new CountDownLatch(1);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread forwarded = new Thread(() -> { // a command run for another process, on the lent library
                try (LibraryService lent = owner.lend(lib, Layout.of(Layout.DEFAULT))) {
                    lent.settle();
                    settled.countDown();
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            forwarded.start();
            assertThat(settled.await(700, TimeUnit.MILLISECONDS)).as("waits for the run under way").isFalse();
            finish.countDown();
            assertThat(settled.await(20, TimeUnit.SECONDS)).as("then settles").isTrue();
            forwarded.join();
            watchRun.join();
            assertThat(failed.get()).isNull();
            assertThat(owner.catalog().assetCount()).as("the owner's library is still open").isZero();
        }
    }
}
