package io.alicemultiverse.app;

/**
 * The bounds every surface applies to numbers a user or a client sends, defined once: a CLI flag, an MCP argument
 * and a query parameter with the same name accept the same range and fail with the same message (which names the
 * bound). Stateless.
 */
public final class Bounds {
    /**
     * The largest perceptual-hash distance asked for, in bits of 64. Unrelated pictures average 32 bits apart
     * ({@code docs/benchmarks.md}), so a larger threshold would only report noise.
     */
    public static final int MAX_DISTANCE = 32;

    private Bounds() {
    }

    /**
     * {@code value} when it is within {@code min..max}.
     *
     * @param name the name the user knows (e.g. {@code max_distance}), used in the message
     * @throws IllegalArgumentException naming the bound otherwise
     */
    public static int check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** A near-duplicate threshold: 0 to {@link #MAX_DISTANCE} bits. */
    public static int maxDistance(int value) {
        return check("max_distance", value, 0, MAX_DISTANCE);
    }
}
