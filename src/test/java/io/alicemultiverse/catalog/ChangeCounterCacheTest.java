package io.alicemultiverse.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The change counter cached by one thread follows writes another thread makes through its own connection. */
class ChangeCounterCacheTest {
    @TempDir
    Path library;

    @Test
    void aChangeThroughAnotherConnectionIsSeenAtOnce() throws Exception {
        try (Catalog catalog = Catalog.open(library)) {
            long before = catalog.changeCounter();
            assertThat(catalog.changeCounter()).isEqualTo(before); // now cached
            long[] after = new long[1];
            ChangeCounterTest.onAnotherThread(() -> { // a command the owner runs for another process
                catalog.deleteAssets(List.of("no-such-asset"));
                after[0] = catalog.changeCounter();
            });
            assertThat(after[0]).isGreaterThan(before);
            assertThat(catalog.changeCounter()).isEqualTo(after[0]);
        }
    }

    @Test
    void aValueReadBeforeACommitIsNotTrustedAfterIt() {
        ChangeCounterCache cache = ChangeCounterCache.own();
        long epoch = cache.epoch();
        cache.invalidate(); // another connection committed between the read and the put
        cache.put(epoch, 7);
        assertThat(cache.get()).isEqualTo(-1);
        cache.put(cache.epoch(), 8);
        assertThat(cache.get()).isEqualTo(8);
    }
}
