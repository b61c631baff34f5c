package io.alicemultiverse.video;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Video meters in Micrometer's global registry, which {@code /metrics} publishes: job transitions by provider and
 * state, the jobs in each active state now, submit latency, total generation latency (created to filed), spend and calls to the providers. Thread-safe.
 */
final class VideoMetrics {
    private VideoMetrics() {
    }

    static void state(String provider, JobState state) {
        Counter.builder("alice_video_jobs").description("video jobs entering a state")
                .tag("provider", provider).tag("state", state.id()).register(Metrics.globalRegistry).increment();
    }

    /** How many jobs are in each active state now, by provider: the gauge {@code alice_video_jobs_active}. */
    private static final MultiGauge ACTIVE = MultiGauge.builder("alice_video_jobs_active")
            .description("video jobs in an active state now, by provider and state (as the advancing process sees them)")
            .register(Metrics.globalRegistry);

    /** Each scheduler's last counts, weakly held: a scheduler that is gone stops counting. */
    private static final Map<Object, Map<List<String>, Integer>> BY_SCHEDULER = new java.util.WeakHashMap<>();

    /**
     * Sets {@code scheduler}'s share of the gauge from the jobs its tick left active; the gauge shows the sum over the
     * process's schedulers (one per open library), so one library's tick never hides another's jobs. States with no
     * job go away.
     */
    static void active(Object scheduler, java.util.Collection<VideoJob> jobs) {
        Map<List<String>, Integer> mine = new HashMap<>();
        for (VideoJob j : jobs) {
            if (j.state().active()) {
                mine.merge(List.of(j.provider(), j.state().id()), 1, Integer::sum);
            }
        }
        synchronized (BY_SCHEDULER) {
            BY_SCHEDULER.put(scheduler, mine);
            Map<List<String>, Integer> counts = new HashMap<>();
            BY_SCHEDULER.values().forEach(m -> m.forEach((k, v) -> counts.merge(k, v, Integer::sum)));
            ACTIVE.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(
                    Tags.of("provider", e.getKey().get(0), "state", e.getKey().get(1)), e.getValue())).toList(), true);
        }
    }

    /** Takes {@code scheduler}'s jobs out of the gauge (its library closed). */
    static void forget(Object scheduler) {
        active(scheduler, List.of());
        synchronized (BY_SCHEDULER) {
            BY_SCHEDULER.remove(scheduler);
        }
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
