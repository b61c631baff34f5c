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
 * hits and misses, errors, the JVM's own meters (Micrometer's standard binders: memory, GC, threads, CPU, uptime,
 * bound once per registry) — plus what the application records into Micrometer's global registry (files
 * organized, organize and hash durations, search latency by kind, calls to remote model APIs, cache lookups, video
 * jobs). Thread-safe.
 */
public final class AliceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Every cache's lookups share one meter, {@code alice_cache_lookups{cache, result}}. */
    static final String CACHE_LOOKUPS = "alice_cache_lookups";
    private final Counter thumbnailHits;
    private final Counter thumbnailMisses;
    private final Counter errors;
    private final io.micrometer.core.instrument.binder.jvm.JvmGcMetrics gc =
            new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();

    public AliceMetrics(Supplier<Number> catalogSize) {
        // organize, hashing and search record into Micrometer's global registry; publish them here too
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        Gauge.builder("alice_catalog_assets", catalogSize).description("assets in the catalog").register(registry);
        thumbnailHits = Counter.builder(CACHE_LOOKUPS).description("cache lookups by cache and result")
                .tag("cache", "thumbnail").tag("result", "hit").register(registry);
        thumbnailMisses = Counter.builder(CACHE_LOOKUPS).description("cache lookups by cache and result")
                .tag("cache", "thumbnail").tag("result", "miss").register(registry);
        errors = Counter.builder("alice_errors").description("requests that failed").register(registry);
        // the JVM's own meters (Micrometer's standard binders): memory, GC, threads, CPU
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
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
     * in milliseconds; files organized by status; calls to remote model APIs ({@code api_calls}: operation,
     * provider, call, count); each cache's hits, misses and hit ratio ({@code caches}); the JVM's memory, threads
     * and CPU ({@code jvm}). Counts are this process's, since it started.
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
        out.put("api_calls", apiCalls());
        out.put("caches", caches());
        out.put("jvm", jvm());
        return out;
    }

    private java.util.List<java.util.Map<String, Object>> apiCalls() {
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (Counter c : registry.find("alice_api_calls").counters()) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("operation", c.getId().getTag("operation"));
            m.put("provider", c.getId().getTag("provider"));
            m.put("call", c.getId().getTag("call"));
            m.put("count", (long) c.count());
            out.add(m);
        }
        out.sort(java.util.Comparator.comparing((java.util.Map<String, Object> m) -> (String) m.get("operation"))
                .thenComparing(m -> (String) m.get("provider")).thenComparing(m -> (String) m.get("call")));
        return out;
    }

    /** {@code {cache: {hits, misses, hit_ratio}}}; the ratio is null before the first lookup. */
    private java.util.Map<String, Object> caches() {
        java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
        for (Counter c : registry.find(CACHE_LOOKUPS).counters()) {
            long[] hm = counts.computeIfAbsent(c.getId().getTag("cache"), k -> new long[2]);
            hm["hit".equals(c.getId().getTag("result")) ? 0 : 1] += (long) c.count();
        }
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        counts.forEach((cache, hm) -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("hits", hm[0]);
            m.put("misses", hm[1]);
            m.put("hit_ratio", hm[0] + hm[1] == 0 ? null : (double) hm[0] / (hm[0] + hm[1]));
            out.put(cache, m);
        });
        return out;
    }

    /** Heap and non-heap memory in bytes (max: the heap's limit, -1 when it has none), threads, CPU, uptime. */
    private java.util.Map<String, Object> jvm() {
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        var heap = memory.getHeapMemoryUsage();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("heap_used_bytes", heap.getUsed());
        m.put("heap_committed_bytes", heap.getCommitted());
        m.put("heap_max_bytes", heap.getMax());
        m.put("nonheap_used_bytes", memory.getNonHeapMemoryUsage().getUsed());
        m.put("threads", gauge("jvm.threads.live"));
        m.put("process_cpu_usage", gauge("process.cpu.usage"));
        m.put("uptime_seconds", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        long pauses = 0;
        double pauseSeconds = 0;
        for (Timer t : registry.find("jvm.gc.pause").timers()) {
            pauses += t.count();
            pauseSeconds += t.totalTime(java.util.concurrent.TimeUnit.SECONDS);
        }
        m.put("gc_pauses", pauses);
        m.put("gc_pause_seconds", pauseSeconds);
        return m;
    }

    private Double gauge(String name) {
        Gauge g = registry.find(name).gauge();
        return g == null || Double.isNaN(g.value()) ? null : g.value();
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
