package io.alicemultiverse.understand;

import java.time.Duration;

/**
 * How to reach one provider. Immutable; {@code model} and {@code baseUrl} null mean the provider's defaults.
 *
 * @param maxSide   long side, in pixels, images are downscaled to before sending
 * @param batchSize images per request (capped by what the provider allows)
 * @param timeout   per-request timeout
 */
public record ProviderSettings(String name, String model, String baseUrl, int maxSide, int batchSize,
                               Duration timeout) {
    public static final int DEFAULT_MAX_SIDE = 1024;

    public ProviderSettings {
        if (maxSide < 64 || maxSide > 4096) {
            throw new IllegalArgumentException("max image side must be in 64..4096: " + maxSide);
        }
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("batch size must be in 1..50: " + batchSize);
        }
    }

    public static ProviderSettings of(String name) {
        return new ProviderSettings(name, null, null, DEFAULT_MAX_SIDE, 8, Duration.ofSeconds(60));
    }

    public ProviderSettings withModel(String m) {
        return new ProviderSettings(name, m == null ? model : m, baseUrl, maxSide, batchSize, timeout);
    }

    public ProviderSettings withBaseUrl(String u) {
        return new ProviderSettings(name, model, u == null ? baseUrl : u, maxSide, batchSize, timeout);
    }

    public ProviderSettings withTimeout(Duration t) {
        return new ProviderSettings(name, model, baseUrl, maxSide, batchSize, t);
    }

    public ProviderSettings withBatchSize(int n) {
        return new ProviderSettings(name, model, baseUrl, maxSide, n, timeout);
    }
}
