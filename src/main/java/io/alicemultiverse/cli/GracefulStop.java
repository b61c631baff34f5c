package io.alicemultiverse.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM for a command that owns a library until stopped ({@code serve}, {@code organize --watch}):
 * the signal asks the command to stop, then holds the JVM — which waits for shutdown hooks, not for the main thread —
 * until the command has closed what it owns (server, owner file, catalog), at most {@code grace}. Open it before the
 * resources it guards, in the same try-with-resources, so it closes after them.
 */
final class GracefulStop implements AutoCloseable {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Duration grace;

    GracefulStop(Duration grace) {
        this.grace = grace;
    }

    /** From now on a signal runs {@code stop} (which should make the main thread leave its work) and waits. */
    void onSignal(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alice-stop"));
    }

    /** Everything the command owned is closed: the JVM may halt. */
    @Override
    public void close() {
        closed.countDown();
    }
}
