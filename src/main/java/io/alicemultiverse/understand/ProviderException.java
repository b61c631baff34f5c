package io.alicemultiverse.understand;

import java.time.Duration;

/**
 * A request to a provider that failed as a whole. {@code status} is the HTTP status, 0 for a timeout or network
 * failure; {@code retryAfter} is the server's {@code Retry-After}, null when absent. Messages are written by this
 * package and never contain an API key.
 */
final class ProviderException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;
    private final boolean retryable;

    public ProviderException(String message, int status, Duration retryAfter, boolean retryable) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    /** The failure an HTTP status stands for: 408, 429 and 5xx may be retried. */
    public static ProviderException http(String provider, int status, Duration retryAfter) {
        boolean retry = status == 408 || status == 429 || status >= 500;
        return new ProviderException(provider + " answered HTTP " + status, status, retryAfter, retry);
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }
}
