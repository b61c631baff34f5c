package io.alicemultiverse.app;

import java.util.function.BooleanSupplier;

/**
 * Works through a queue the catalog keeps (assets lacking a vector, assets lacking perceptual hashes) on a background
 * (daemon, low-priority) thread, a batch at a time, and again after each later change: for a long-running owner
 * ({@code serve}, {@code mcp}, {@code organize --watch}). The thread holds the library's lock only to read a batch
 * and to store its results, not while it computes them, so the surfaces go on meanwhile. Thread-safe.
 *
 * @param <B> a batch, with whatever its store step needs
 * @param <R> what computing a batch gives
 */
final class BackgroundBatches<B, R> {
    /** The three steps of a batch. */
    interface Work<B, R> {
        /** The next batch, or null when none is left (called under the library's lock). */
        B next();

        /** Computes the batch's results (called without the lock). */
        R compute(B batch);

        /** Stores them (called under the lock). */
        void store(B batch, R results);
    }

    private final String name;
    private final Object libraryLock;
    private final Work<B, R> work;
    private final BooleanSupplier closed;
    private final Object state = new Object();
    private boolean running;
    private boolean again;
    private volatile boolean enabled;

    /**
     * @param name        the thread's name, and the start of the message if it stops on an error
     * @param libraryLock the lock every catalog use of the library holds
     * @param closed      whether the library was closed (read under the lock)
     */
    BackgroundBatches(String name, Object libraryLock, Work<B, R> work, BooleanSupplier closed) {
        this.name = name;
        this.libraryLock = libraryLock;
        this.work = work;
        this.closed = closed;
    }

    /** Whether an owner asked for this work in the background (then later changes start it again). */
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
        Thread t = new Thread(this::drain, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void drain() {
        try {
            while (true) {
                B batch;
                synchronized (libraryLock) {
                    if (closed.getAsBoolean()) {
                        return;
                    }
                    batch = work.next();
                }
                if (batch == null) {
                    synchronized (state) {
                        if (!again) {
                            running = false;
                            return;
                        }
                        again = false;
                    }
                    continue;
                }
                R results = work.compute(batch);
                synchronized (libraryLock) {
                    if (closed.getAsBoolean()) {
                        return;
                    }
                    work.store(batch, results);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            System.err.println("alice: " + name + " in the background stopped: " + e.getMessage());
        } finally {
            synchronized (state) {
                running = false;
            }
        }
    }
}
