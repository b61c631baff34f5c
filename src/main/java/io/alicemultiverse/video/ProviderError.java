package io.alicemultiverse.video;

import java.time.Duration;

/**
 * A provider call that did not give a usable answer, classified by what the scheduler may do about it. The message
 * is the provider's own error text (or the HTTP status) — never a request header, so never a key.
 */
final class ProviderError extends RuntimeException {
    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** 429: try again later, after {@code Retry-After} when given. */
        RATE_LIMITED,
        /** 5xx: the provider failed; try again later. */
        SERVER,
        /** Another 4xx: the provider refused the request; repeating it will not help. */
        REJECTED,
        /** No connection was made: the request never left, so it is safe to send again. */
        NOT_SENT,
        /** The connection dropped or timed out after the request left: it may have been acted on. */
        AMBIGUOUS,
        /** A 2xx answer that does not have the documented shape. */
        BAD_ANSWER
    }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    public ProviderError(Kind kind, int status, Duration retryAfter, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was none. */
    public int status() {
        return status;
    }

    /** The delay the provider asked for, null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether asking again later may succeed (for idempotent calls: status, result, download). */
    public boolean transientFailure() {
        return kind != Kind.REJECTED && kind != Kind.BAD_ANSWER;
    }
}
