package io.alicemultiverse.app;

import io.alicemultiverse.video.VideoService;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Advances the library's video jobs on one daemon thread ({@code alice-video}) for a long-running owner: a tick of
 * the scheduler under the library's lock (the catalog has one writer), then a sleep until the next job is due — at
 * most {@link #IDLE} when none is, so a job recorded by a forwarded command (through this owner's own service, lent
 * with the library; it leaves the advancing to this loop) is submitted within about a second. {@link #wake()} cuts a sleep short. A tick
 * that throws is reported and retried after a pause; the loop ends when the library closes. Thread-safe.
 */
final class BackgroundVideo {
    /** The longest sleep: how soon a job recorded elsewhere in this process is picked up. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /** The shortest sleep between ticks, so a job due again at once cannot spin the thread. */
    private static final Duration MIN_SLEEP = Duration.ofMillis(50);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);

    private final Object libraryLock;
    private final Supplier<VideoService> video;
    private final BooleanSupplier closed;
    private final Object sleep = new Object();
    private boolean woken;
    private volatile boolean stopped;
    private Thread thread;

    BackgroundVideo(Object libraryLock, Supplier<VideoService> video, BooleanSupplier closed) {
        this.libraryLock = libraryLock;
        this.video = video;
        this.closed = closed;
    }

    void start() {
        thread = new Thread(this::loop, "alice-video");
        thread.setDaemon(true);
        thread.start();
    }

    void wake() {
        synchronized (sleep) {
            woken = true;
            sleep.notifyAll();
        }
    }

    /** Ends the loop after the tick in progress, if any. */
    void stop() {
        stopped = true;
        wake();
    }

    private void loop() {
        while (!stopped) {
            Duration pause;
            try {
                Instant next;
                synchronized (libraryLock) {
                    if (closed.getAsBoolean()) {
                        return;
                    }
                    next = video.get().tick();
                }
                Duration untilNext = next == null ? IDLE : Duration.between(Instant.now(), next);
                pause = untilNext.compareTo(IDLE) > 0 ? IDLE
                        : untilNext.compareTo(MIN_SLEEP) < 0 ? MIN_SLEEP : untilNext;
            } catch (RuntimeException e) {
                System.err.println("alice: advancing video jobs failed (trying again in "
                        + AFTER_FAILURE.toSeconds() + " s): " + e.getMessage());
                pause = AFTER_FAILURE;
            }
            synchronized (sleep) {
                if (!woken && !stopped) {
                    try {
                        sleep.wait(Math.max(1, pause.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }
}
