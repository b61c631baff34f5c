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
 * hits and misses, errors — plus what the application records into Micrometer's global registry (files organized,
 * organize and hash durations, search latency by kind). Thread-safe.
 */
public final class AliceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter thumbnailHits;
    private final Counter thumbnailMisses;
    private final Counter errors;
    private final io.micrometer.core.instrument.binder.jvm.JvmGcMetrics gc =
            new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();

    public AliceMetrics(Supplier<Number> catalogSize) {
        // organize, hashing and search record into Micrometer's global registry; publish them here too
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        Gauge.builder("alice_catalog_assets", catalogSize).description("assets in the catalog").register(registry);
        thumbnailHits = Counter.builder("alice_thumbnail_cache_hits").register(registry);
        thumbnailMisses = Counter.builder("alice_thumbnail_cache_misses").register(registry);
        errors = Counter.builder("alice_errors").description("requests that failed").register(registry);
        // the JVM's own meters (Micrometer's standard binders): memory, GC, threads, CPU
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    }

    /** Records one HTTP request. */
    public void request(String route, int status, Duration took) {
        Timer.builder("alice_http_requests").tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram().publishPercentiles(0.5, 0.95).register(registry).record(took);
        if (status >= 500) {
            errors.increment();
        }
    }

    public void thumbnail(boolean hit) {
        (hit ? thumbnailHits : thumbnailMisses).increment();
    }

    /** Stops publishing the process-wide meters through this registry. */
    public void close() {
        io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        gc.close();
        registry.close();
    }

    /**
     * A summary for the gallery's stats page: per HTTP route and per search kind, count and mean/p50/p95 latency
     * in milliseconds; files organized by status.
     */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> files = new java.util.TreeMap<>();
        for (Counter c : registry.find("alice_files_organized").counters()) {
            files.merge(c.getId().getTag("status"), c.count(), (a, b) -> ((Double) a) + ((Double) b));
        }
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("routes", latencies("alice_http_requests", "route"));
        out.put("search", latencies("alice_search", "kind"));
        out.put("files", files);
        return out;
    }

    /** Count and latencies of the timers named {@code name}, by the value of {@code tag} (first timer wins). */
    private java.util.Map<String, Object> latencies(String name, String tag) {
        java.util.Map<String, Object> by = new java.util.TreeMap<>();
        for (Timer t : registry.find(name).timers()) {
            var snapshot = t.takeSnapshot();
            java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("count", snapshot.count());
            r.put("mean_ms", snapshot.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
            for (var p : snapshot.percentileValues()) {
                r.put("p" + Math.round(p.percentile() * 100) + "_ms", p.value(java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            by.merge(t.getId().getTag(tag), r, (a, b) -> a);
        }
        return by;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
