package io.alicemultiverse.understand;

/** Tokens one request used, as the provider reported them (0 when it did not). Immutable. */
record Usage(long tokensIn, long tokensOut) {
    public static final Usage NONE = new Usage(0, 0);

    public Usage plus(Usage o) {
        return new Usage(tokensIn + o.tokensIn, tokensOut + o.tokensOut);
    }
}
