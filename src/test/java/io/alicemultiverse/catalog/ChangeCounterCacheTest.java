package io.alicemultiverse.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The change counter cached by one connection follows writes made through another in the same process. */
class ChangeCounterCacheTest {
    @TempDir
    Path library;

    @Test
    void aChangeThroughAnotherConnectionIsSeenAtOnce() {
        try (Catalog server = Catalog.open(library); Catalog forwarded = Catalog.open(library)) {
            long before = server.changeCounter();
            assertThat(server.changeCounter()).isEqualTo(before); // now cached
            forwarded.deleteAssets(List.of("no-such-asset"));
            assertThat(forwarded.changeCounter()).isGreaterThan(before);
            assertThat(server.changeCounter()).isEqualTo(forwarded.changeCounter());
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
