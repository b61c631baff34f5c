package io.alicemultiverse.understand;

import java.util.List;

/**
 * A provider's answer to one request: one outcome per image sent, in order, and the request's usage. Immutable.
 */
record Reply(List<Outcome> outcomes, Usage usage) {
    public Reply {
        outcomes = List.copyOf(outcomes);
    }

    /** The result for one image, or why there is none (a reply that could not be parsed, a refusal). */
    public record Outcome(Understanding result, String error) {
        public static Outcome ok(Understanding u) {
            return new Outcome(u, null);
        }

        public static Outcome failed(String error) {
            return new Outcome(null, error);
        }
    }
}
