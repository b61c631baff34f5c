package io.alicemultiverse.understand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens after {@code threshold} failed requests in a row and refuses requests for {@code cooldown}; then lets
 * requests through again (a success closes it, a failure opens it anew). Thread-safe.
 */
final class CircuitBreaker {
    private final int threshold;
    private final Duration cooldown;
    private final Clock clock;
    private int failures;
    private Instant openUntil;

    CircuitBreaker(int threshold, Duration cooldown, Clock clock) {
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** @throws ProviderException (not retryable) while open */
    synchronized void check(String provider) {
        if (openUntil != null && clock.instant().isBefore(openUntil)) {
            throw new ProviderException(provider + " circuit open after " + failures
                    + " failed requests in a row; not sending", 0, null, false);
        }
    }

    synchronized void success() {
        failures = 0;
        openUntil = null;
    }

    synchronized void failure() {
        failures++;
        if (failures >= threshold) {
            openUntil = clock.instant().plus(cooldown);
        }
    }

    synchronized boolean open() {
        return openUntil != null && clock.instant().isBefore(openUntil);
    }
}
