package io.alicemultiverse.understand;

import java.time.Duration;

/** Waiting, as a seam: the real one sleeps, tests record and advance a clock instead. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

    void sleep(Duration d) throws InterruptedException;
}
