package io.alicemultiverse.library;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Organize instrumentation through Micrometer's process-wide registry: a serving process (`alice serve`) adds its
 * Prometheus registry to it, elsewhere the calls cost next to nothing. Stateless.
 */
final class OrganizeMetrics {
    private OrganizeMetrics() {
    }

    /** One file settled: {@code status} is organized, duplicate, unchanged or failed. */
    static void file(String source, String status) {
        Metrics.counter("alice_files_organized", "source", source == null ? "unknown" : source, "status", status)
                .increment();
    }

    static void run(Duration took, int files) {
        Timer.builder("alice_organize_run").description("one organize run").publishPercentileHistogram()
                .register(Metrics.globalRegistry).record(took);
        Metrics.summary("alice_organize_run_files").record(files);
    }

    static void hashed(Duration took) {
        Timer.builder("alice_pixel_hash").description("decoding and hashing one file's pixels")
                .publishPercentileHistogram().register(Metrics.globalRegistry).record(took);
    }
}
