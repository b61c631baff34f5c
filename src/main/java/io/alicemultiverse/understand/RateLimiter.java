package io.alicemultiverse.understand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Requests per minute and tokens per minute over a sliding 60-second window; {@link #acquire} waits (through the
 * {@link Sleeper}) until a request fits. A limit of 0 means none. Thread-safe: callers queue on this object.
 */
final class RateLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Entry(Instant time, long tokens) {
    }

    private final int requestsPerMinute;
    private final long tokensPerMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    private long windowTokens;

    RateLimiter(int requestsPerMinute, long tokensPerMinute, Clock clock, Sleeper sleeper) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    synchronized void acquire(long tokens) throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            while (!window.isEmpty() && !window.peekFirst().time().plus(WINDOW).isAfter(now)) {
                windowTokens -= window.removeFirst().tokens();
            }
            boolean requestsFit = requestsPerMinute <= 0 || window.size() < requestsPerMinute;
            boolean tokensFit = tokensPerMinute <= 0 || window.isEmpty() || windowTokens + tokens <= tokensPerMinute;
            if (requestsFit && tokensFit) {
                window.addLast(new Entry(now, tokens));
                windowTokens += tokens;
                return;
            }
            Duration wait = Duration.between(now, window.peekFirst().time().plus(WINDOW));
            sleeper.sleep(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        }
    }
}
