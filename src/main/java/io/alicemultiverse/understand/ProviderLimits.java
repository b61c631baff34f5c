package io.alicemultiverse.understand;

import java.time.Duration;

/**
 * Limits for calling one provider. Immutable; 0 for a rate means unlimited.
 *
 * @param maxAttempts      tries per request, the first included
 * @param maxWait          longest {@code Retry-After} honoured; a longer one fails the request
 * @param breakerThreshold failed requests in a row that open the circuit
 */
record ProviderLimits(int requestsPerMinute, long tokensPerMinute, int maxAttempts, Duration baseDelay,
                             Duration maxDelay, Duration maxWait, int breakerThreshold, Duration breakerCooldown) {
    public static ProviderLimits defaults() {
        return new ProviderLimits(0, 0, 4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2), 5,
                Duration.ofSeconds(30));
    }

    public ProviderLimits withRates(int rpm, long tpm) {
        return new ProviderLimits(rpm, tpm, maxAttempts, baseDelay, maxDelay, maxWait, breakerThreshold,
                breakerCooldown);
    }
}
