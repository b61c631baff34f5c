package io.alicemultiverse.understand;

/**
 * What a run did. Immutable.
 *
 * @param selected  images asked for
 * @param cached    already understood by this provider, model and instruction version: nothing sent
 * @param analysed  new results stored (shared ones included)
 * @param shared    of those, results copied from a near-duplicate representative (no request of their own)
 * @param failed    images with no result (an error for each went to the listener)
 * @param skipped   images not sent because a budget was reached
 * @param requests  requests that reached the provider (retries included)
 * @param stopReason why the run stopped early, or null
 */
public record UnderstandSummary(String provider, String model, int selected, int cached, int analysed, int shared,
                                int failed,
                                int skipped, int requests, long tokensIn, long tokensOut, double costUsd,
                                String stopReason, double seconds) {
}
