package io.alicemultiverse.library;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Organize instrumentation through Micrometer's process-wide registry: a serving process (`alice serve`) adds its
 * Prometheus registry to it, elsewhere the calls cost next to nothing. Stateless.
 */
final class OrganizeMetrics {
    /**
     * The meters, registered once: a registry added later (serve's Prometheus) still receives them, as the global
     * registry is a composite. Looking them up per file built a meter id and searched the registry every time.
     */
    private static final Map<String, Counter> FILES = new ConcurrentHashMap<>();
    private static final Timer PIXEL_HASH = Timer.builder("alice_pixel_hash")
            .description("decoding and hashing one file's pixels").publishPercentileHistogram()
            .register(Metrics.globalRegistry);

    private OrganizeMetrics() {
    }

    /** One file settled: {@code status} is organized, duplicate, unchanged or failed. */
    static void file(String source, String status) {
        String s = source == null ? "unknown" : source;
        FILES.computeIfAbsent(s + '\0' + status,
                k -> Metrics.counter("alice_files_organized", "source", s, "status", status)).increment();
    }

    static void run(Duration took, int files) {
        Timer.builder("alice_organize_run").description("one organize run").publishPercentileHistogram()
                .register(Metrics.globalRegistry).record(took);
        Metrics.summary("alice_organize_run_files").record(files);
    }

    static void hashed(Duration took) {
        PIXEL_HASH.record(took);
    }
}
