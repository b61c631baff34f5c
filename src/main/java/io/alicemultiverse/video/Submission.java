package io.alicemultiverse.video;

/**
 * A provider's answer to a submit: its job id and, where the API hands them out, the URLs to poll, fetch and cancel
 * it (fal says to keep those rather than rebuild them). Immutable.
 */
record Submission(String providerJobId, String statusUrl, String resultUrl, String cancelUrl,
                         String remoteStatus) {
}
