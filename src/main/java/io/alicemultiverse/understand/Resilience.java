package io.alicemultiverse.understand;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * How one provider is called: rate limits, then the circuit breaker, then the request, retried on 408/429/5xx,
 * timeouts and network failures with exponential backoff and full jitter — or exactly the server's
 * {@code Retry-After} when it sends one (given up when that is longer than {@code maxWait}). All waiting goes
 * through the {@link Sleeper}. Thread-safe.
 */
final class Resilience {
    private final String provider;
    private final ProviderLimits limits;
    private final RateLimiter rate;
    private final CircuitBreaker breaker;
    private final Sleeper sleeper;
    private final Random random;

    Resilience(String provider, ProviderLimits limits, Clock clock, Sleeper sleeper, Random random) {
        this.provider = provider;
        this.limits = limits;
        this.rate = new RateLimiter(limits.requestsPerMinute(), limits.tokensPerMinute(), clock, sleeper);
        this.breaker = new CircuitBreaker(limits.breakerThreshold(), limits.breakerCooldown(), clock);
        this.sleeper = sleeper;
        this.random = random;
    }

    boolean circuitOpen() {
        return breaker.open();
    }

    /** Calls {@code request}, which is expected to use about {@code tokens} tokens. */
    <T> T call(long tokens, Supplier<T> request) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            breaker.check(provider);
            rate.acquire(tokens);
            try {
                T result = request.get();
                breaker.success();
                return result;
            } catch (ProviderException e) {
                breaker.failure();
                if (!e.retryable() || attempt >= limits.maxAttempts()) {
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff(attempt);
                if (wait.compareTo(limits.maxWait()) > 0) {
                    throw new ProviderException(e.getMessage() + "; asked to wait " + wait.toSeconds()
                            + " s, more than allowed", e.status(), e.retryAfter(), false);
                }
                sleeper.sleep(wait);
            }
        }
    }

    /** Full jitter: uniform in [0, min(max, base · 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long cap = Math.min(limits.maxDelay().toMillis(),
                limits.baseDelay().toMillis() << Math.min(20, attempt - 1));
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        return Duration.ofMillis((long) (cap * r));
    }
}
