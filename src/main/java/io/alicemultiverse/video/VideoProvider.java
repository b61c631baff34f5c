package io.alicemultiverse.video;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One video generation API. Implementations hold their base URL and key (from the environment) and speak plain
 * HTTP through {@code io.alicemultiverse.http.HttpCall}; they keep no job state (the job record does). Thread-safe.
 * Every call throws {@link ProviderError} when it gets no usable answer.
 */
interface VideoProvider {
    /** Submits the request: the one call that costs money. Never retried by the provider itself. */
    Submission submit(VideoRequest request);

    /** Where the job stands now; for a finished job, a (fresh, where the API gives one) output URL. */
    RemoteStatus check(VideoJob job);

    /** Asks the provider to stop the job; returns what it answered (e.g. {@code CANCELLATION_REQUESTED}). */
    String cancel(VideoJob job);

    /**
     * Fetches a finished job's clip into {@code part} when that takes more than a plain GET of its output URL (a key
     * header the URL needs, bytes inline in the provider's answer), so the key stays inside the provider; returns
     * false when a plain GET does. May be called again after a partial attempt. A download stops at
     * {@code maxBytes}.
     */
    default boolean fetchOutput(VideoJob job, Path part, long maxBytes) throws Delivery.Failure {
        return false;
    }

    /** How often to poll a job: the provider's documented pace, else a pace that costs nothing noticeable. */
    default Duration pollInterval() {
        return Duration.ofSeconds(5);
    }

    /** The maker of a model, as a library {@code source} id ({@code kling}, {@code google}, …), null if unknown. */
    String maker(String model);
}
