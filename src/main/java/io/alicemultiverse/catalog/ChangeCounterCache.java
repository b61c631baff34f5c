package io.alicemultiverse.catalog;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The change counter as this process last read it. A library's owner writes its one catalog from several threads,
 * each through a connection of its own (web requests, background batches, commands run for other processes), so a
 * value cached before another thread commits a change must be dropped. Each committed write moves an epoch; a value
 * read at an older epoch is not trusted. Thread-safe.
 */
final class ChangeCounterCache {
    private record Known(long epoch, long value) {
    }

    private final AtomicLong epoch = new AtomicLong();
    private final boolean remembers;
    private final AtomicReference<Known> known = new AtomicReference<>(new Known(-1, 0));

    private ChangeCounterCache(boolean remembers) {
        this.remembers = remembers;
    }

    /** A cache of its own, for a DuckDB catalog (a database no other process writes). */
    static ChangeCounterCache own() {
        return new ChangeCounterCache(true);
    }

    /**
     * A cache that never answers, for a shared (PostgreSQL) catalog: other machines move the counter, so every read
     * asks the database (one indexed single-row read).
     */
    static ChangeCounterCache uncached() {
        return new ChangeCounterCache(false);
    }

    /** The value known at the current epoch, or -1 when it must be read from the catalog. */
    long get() {
        Known k = known.get();
        return remembers && k.epoch() == epoch.get() ? k.value() : -1;
    }

    /** The epoch to pass to {@link #put}: take it before reading the counter from the catalog. */
    long epoch() {
        return epoch.get();
    }

    /** Remembers {@code value}, read from the catalog at {@code readAtEpoch} (outside any transaction). */
    void put(long readAtEpoch, long value) {
        known.set(new Known(readAtEpoch, value));
    }

    /** After a write that may have moved the counter was committed or rolled back: forget the value. */
    void invalidate() {
        epoch.incrementAndGet();
    }
}
