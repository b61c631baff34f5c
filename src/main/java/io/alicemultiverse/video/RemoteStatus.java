package io.alicemultiverse.video;

import java.time.Instant;

/**
 * Where the provider says a job is. Immutable.
 *
 * @param raw        the provider's own status string
 * @param outputUrl  the clip's URL once {@link Phase#SUCCEEDED}
 * @param expiresAt  when that URL stops working, if the provider says or documents it; null when unknown
 * @param error      the provider's failure text when {@link Phase#FAILED}
 */
record RemoteStatus(Phase phase, String raw, String outputUrl, Instant expiresAt, String error) {
    /** The provider-neutral phases every API's states map to. */
    public enum Phase { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    static RemoteStatus of(Phase phase, String raw) {
        return new RemoteStatus(phase, raw, null, null, null);
    }

    static RemoteStatus failed(String raw, String error) {
        return new RemoteStatus(Phase.FAILED, raw, null, null, error == null || error.isBlank()
                ? "the provider reported " + raw + " without a reason" : error);
    }

    static RemoteStatus succeeded(String raw, String url, Instant expiresAt) {
        return new RemoteStatus(Phase.SUCCEEDED, raw, url, expiresAt, null);
    }
}
