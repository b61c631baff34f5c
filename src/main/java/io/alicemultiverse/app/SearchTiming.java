package io.alicemultiverse.app;

import io.alicemultiverse.search.SearchQuery;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Search latency by query kind, recorded into Micrometer's global registry as {@code alice_search} (a serving
 * process publishes it at {@code /metrics}): {@code filter} (no text: tags, sources, dates only), {@code text}
 * (words and nothing else) or {@code plain} (words plus filters, as plain-language queries usually are).
 * Stateless and thread-safe.
 */
final class SearchTiming {
    private SearchTiming() {
    }

    static void record(SearchQuery q, long nanos) {
        Timer.builder("alice_search").description("search latency by query kind").tag("kind", kind(q))
                .publishPercentileHistogram().publishPercentiles(0.5, 0.95)
                .register(Metrics.globalRegistry).record(nanos, TimeUnit.NANOSECONDS);
    }

    static String kind(SearchQuery q) {
        boolean filters = !q.tags().isEmpty() || !q.sources().isEmpty() || !q.models().isEmpty()
                || !q.namedSources().isEmpty() || !q.namedModels().isEmpty()
                || !q.projects().isEmpty() || q.since() != null || q.until() != null || q.mediaType() != null
                || !q.excluded().isEmpty() || !q.not().isEmpty();
        if (!q.hasText()) {
            return "filter";
        }
        return filters ? "plain" : "text";
    }
}
