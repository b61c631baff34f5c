package io.alicemultiverse.library;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code organize --watch}: organizes what has settled, waits for changes, repeats until {@link #stop()}. A stop
 * request takes effect between batches, never in the middle of a file. Files an undo put back are left in the
 * inbox while unchanged ({@link UndoneFiles}). Runs on the calling thread.
 */
public final class WatchLoop {
    /** Hears each cycle's outcome. */
    public interface Listener extends OrganizeListener {
        default void cycle(OrganizeSummary summary) { }
    }

    private final Supplier<Organizer> organizers;
    private final Object lock;
    private final InboxWatcher watcher;
    private final Duration rescan;
    private volatile boolean stopped;
    private volatile Organizer current;
    private final UndoneFiles undone = new UndoneFiles();

    public WatchLoop(Supplier<Organizer> organizers, InboxWatcher watcher, Duration rescan) {
        this(organizers, watcher, rescan, new Object());
    }

    /**
     * @param lock held while a cycle organizes and reports, so a background thread sharing the catalog (the
     *             owner's video jobs) waits for it; released while the loop waits for the inbox
     */
    public WatchLoop(Supplier<Organizer> organizers, InboxWatcher watcher, Duration rescan, Object lock) {
        this.lock = lock;
        this.organizers = organizers;
        this.watcher = watcher;
        this.rescan = rescan;
    }

    public void stop() {
        stopped = true;
        Organizer o = current;
        if (o != null) {
            o.requestStop();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    public void run(Listener listener) throws IOException, InterruptedException {
        while (!stopped) {
            synchronized (lock) {
                Organizer organizer = organizers.get().keepingUndone(undone);
                current = organizer;
                if (stopped) {
                    break;
                }
                OrganizeSummary s = organizer.run(watcher::ready);
                current = null;
                if (s.organized() + s.duplicates() + s.errors() > 0) {
                    listener.cycle(s);
                }
            }
            watcher.await(rescan, () -> stopped);
        }
    }
}
