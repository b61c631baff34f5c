package io.alicemultiverse.http;

import java.io.IOException;

/**
 * A request that got no answer: refused, timed out, reset. {@link #mayHaveArrived()} tells a request that never left
 * this machine (no connection was made, so the server cannot have acted on it) from one whose connection was
 * established — the server may have received it and acted, so a non-idempotent request must not be repeated blindly.
 */
public final class HttpFailure extends IOException {
    private final boolean timeout;
    private final boolean mayHaveArrived;

    public HttpFailure(boolean timeout, boolean mayHaveArrived, Throwable cause) {
        super((timeout ? "timed out" : "network failure (" + cause.getClass().getSimpleName() + ")")
                + (mayHaveArrived ? " after the request was sent" : " before the request was sent"), cause);
        this.timeout = timeout;
        this.mayHaveArrived = mayHaveArrived;
    }

    public boolean timeout() {
        return timeout;
    }

    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
