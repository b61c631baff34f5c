package io.alicemultiverse.understand;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Understanding meters in Micrometer's global registry, which {@code /metrics} publishes: calls to the provider
 * ({@code alice_api_calls}, shared with video) and the result cache's effectiveness ({@code alice_cache_lookups}
 * with {@code cache="understanding"}: an image already understood by that provider, model and instruction version is
 * a hit; one sent is a miss). Thread-safe.
 */
final class UnderstandMetrics {
    private UnderstandMetrics() {
    }

    /** One request to the provider (a retry is another call; the local analyzer counts its batches). */
    static void call(String provider) {
        Counter.builder("alice_api_calls").description("calls to remote model APIs")
                .tag("operation", "understanding").tag("provider", provider).tag("call", "analyse")
                .register(Metrics.globalRegistry).increment();
    }

    /** A run's lookups in the result cache: {@code hits} images found, {@code misses} images to send. */
    static void cache(int hits, int misses) {
        lookups("hit").increment(hits);
        lookups("miss").increment(misses);
    }

    private static Counter lookups(String result) {
        return Counter.builder("alice_cache_lookups").description("cache lookups by cache and result")
                .tag("cache", "understanding").tag("result", result).register(Metrics.globalRegistry);
    }
}
