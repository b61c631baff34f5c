package io.alicemultiverse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The metrics a serving process exposes at {@code /metrics}: HTTP latency by route, catalog size, thumbnail cache
 * hits and misses, errors. Thread-safe.
 */
public final class AliceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter thumbnailHits;
    private final Counter thumbnailMisses;
    private final Counter errors;

    public AliceMetrics(Supplier<Number> catalogSize) {
        Gauge.builder("alice_catalog_assets", catalogSize).description("assets in the catalog").register(registry);
        thumbnailHits = Counter.builder("alice_thumbnail_cache_hits").register(registry);
        thumbnailMisses = Counter.builder("alice_thumbnail_cache_misses").register(registry);
        errors = Counter.builder("alice_errors").description("requests that failed").register(registry);
    }

    /** Records one HTTP request. */
    public void request(String route, int status, Duration took) {
        Timer.builder("alice_http_requests").tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram().register(registry).record(took);
        if (status >= 500) {
            errors.increment();
        }
    }

    public void thumbnail(boolean hit) {
        (hit ? thumbnailHits : thumbnailMisses).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
