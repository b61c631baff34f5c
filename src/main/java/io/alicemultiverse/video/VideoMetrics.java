package io.alicemultiverse.video;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Video meters in Micrometer's global registry, which {@code /metrics} publishes: job transitions by provider and
 * state, submit latency, total generation latency (created to filed), spend and calls to the providers. Thread-safe.
 */
final class VideoMetrics {
    private VideoMetrics() {
    }

    static void state(String provider, JobState state) {
        Counter.builder("alice_video_jobs").description("video jobs entering a state")
                .tag("provider", provider).tag("state", state.id()).register(Metrics.globalRegistry).increment();
    }

    static void submitted(String provider, Duration took) {
        Timer.builder("alice_video_submit").description("video submit calls").tag("provider", provider)
                .publishPercentileHistogram().register(Metrics.globalRegistry).record(took);
    }

    static void generated(String provider, Duration took) {
        Timer.builder("alice_video_generation").description("video jobs from creation to a filed clip")
                .tag("provider", provider).publishPercentileHistogram().register(Metrics.globalRegistry).record(took);
    }

    static void spent(String provider, double usd) {
        Counter.builder("alice_video_spend_usd").description("estimated dollars spent on video generation")
                .tag("provider", provider).register(Metrics.globalRegistry).increment(usd);
    }

    /**
     * One call to a provider's API. The meter is shared with understanding ({@code operation="understanding"}), so
     * one query shows every remote call a library makes.
     */
    static void call(String provider, String call) {
        Counter.builder("alice_api_calls").description("calls to remote model APIs")
                .tag("operation", "video").tag("provider", provider).tag("call", call)
                .register(Metrics.globalRegistry).increment();
    }
}
