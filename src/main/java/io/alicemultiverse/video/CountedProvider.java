package io.alicemultiverse.video;

import java.time.Duration;

/**
 * A {@link VideoProvider} that counts every call it passes on ({@code alice_api_calls} with operation
 * {@code video}, the provider and the call: submit, status or cancel), whatever the answer. Thread-safe as the
 * provider it wraps.
 */
final class CountedProvider implements VideoProvider {
    private final String name;
    private final VideoProvider inner;

    CountedProvider(String name, VideoProvider inner) {
        this.name = name;
        this.inner = inner;
    }

    @Override
    public Submission submit(VideoRequest request) {
        VideoMetrics.call(name, "submit");
        return inner.submit(request);
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        VideoMetrics.call(name, "status");
        return inner.check(job);
    }

    @Override
    public String cancel(VideoJob job) {
        VideoMetrics.call(name, "cancel");
        return inner.cancel(job);
    }

    @Override
    public Duration pollInterval() {
        return inner.pollInterval();
    }

    @Override
    public String maker(String model) {
        return inner.maker(model);
    }
}
