package io.alicemultiverse.app;

import io.alicemultiverse.search.Embeddings;
import io.alicemultiverse.search.SearchEngine;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Embeds every asset that lacks a vector on a background (daemon) thread, a batch at a time, and again after each
 * later change: for a long-running owner ({@code serve}, {@code mcp}). The thread holds the library's lock only to
 * read a batch of texts and to store its vectors, not while the model runs, so searches go on meanwhile (finding the
 * newest assets by their words until their vectors come). Thread-safe.
 */
final class BackgroundEmbedding {
    /** Texts a batch takes: ~0.5–1 s of model time on two cores, between lock holds. */
    private static final int BATCH = 512;

    private final Object libraryLock;
    private final Supplier<SearchEngine> search;
    private final BooleanSupplier closed;
    private final Object state = new Object();
    private boolean running;
    private boolean again;
    private volatile boolean enabled;

    /**
     * @param libraryLock the lock every catalog use of the library holds
     * @param search      the library's search engine (called under the lock)
     * @param closed      whether the library was closed (read under the lock)
     */
    BackgroundEmbedding(Object libraryLock, Supplier<SearchEngine> search, BooleanSupplier closed) {
        this.libraryLock = libraryLock;
        this.search = search;
        this.closed = closed;
    }

    /** Whether an owner asked for background embedding (then later changes start it again). */
    boolean enabled() {
        return enabled;
    }

    /** Starts the thread, or asks the running one to look again when it has emptied its queue. */
    void start() {
        enabled = true;
        synchronized (state) {
            if (running) {
                again = true;
                return;
            }
            running = true;
            again = false;
        }
        Thread t = new Thread(this::embedMissingBatches, "alice-embed");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void embedMissingBatches() {
        try {
            while (true) {
                Embeddings.Batch batch;
                SearchEngine engine;
                synchronized (libraryLock) {
                    if (closed.getAsBoolean()) {
                        return;
                    }
                    engine = search.get();
                    batch = engine.missingBatch(BATCH);
                }
                if (batch.isEmpty()) {
                    synchronized (state) {
                        if (!again) {
                            running = false;
                            return;
                        }
                        again = false;
                    }
                    continue;
                }
                List<float[]> vectors = engine.embed(batch.texts());
                synchronized (libraryLock) {
                    if (closed.getAsBoolean()) {
                        return;
                    }
                    engine.store(batch, vectors);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            System.err.println("alice: embedding in the background stopped: " + e.getMessage());
        } finally {
            synchronized (state) {
                running = false;
            }
        }
    }
}
