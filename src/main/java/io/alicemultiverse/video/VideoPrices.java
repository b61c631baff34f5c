package io.alicemultiverse.video;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a clip costs before it is made: a dated table of list prices per second (by resolution where it differs) or
 * per video, by provider and model, which the configuration can override or extend
 * ({@code video: prices: {"fal/fal-ai/veo3": {per_second: 0.4}}}). Prices come from reference sections 1.10, 2.2,
 * 3, 4 and 6b as read in November 2026; an unknown model has no estimate (and so always needs confirmation).
 * Immutable.
 */
public final class VideoPrices {
    /** When the built-in prices were read. */
    public static final String AS_OF = "2026-11";

    /**
     * @param perSecond    dollars per second of video, by lower-case resolution ({@code "*"} for any)
     * @param perVideo     dollars per clip regardless of length, null when priced per second
     * @param defaultSeconds the model's clip length when the request does not give one
     */
    public record Price(Map<String, Double> perSecond, Double perVideo, int defaultSeconds) {
        public Price {
            perSecond = Map.copyOf(perSecond);
        }

        static Price perSecond(double usd, int defaultSeconds) {
            return new Price(Map.of("*", usd), null, defaultSeconds);
        }

        Optional<Double> estimate(Integer seconds, String resolution) {
            if (perVideo != null) {
                return Optional.of(perVideo);
            }
            Double rate = resolution == null ? null : perSecond.get(resolution.toLowerCase(Locale.ROOT));
            if (rate == null) {
                rate = perSecond.get("*");
            }
            if (rate == null) { // priced by resolution only, none asked: the dearest, so the estimate never lowballs
                rate = perSecond.values().stream().max(Double::compare).orElse(null);
            }
            return rate == null ? Optional.empty()
                    : Optional.of(Math.round(rate * (seconds != null ? seconds : defaultSeconds) * 1e4) / 1e4);
        }
    }

    private static final Map<String, Price> BUILT_IN = Map.ofEntries(
            // fal (1.10); Kling 2.5 turbo: $0.21 per 5 s, +$0.042/s, i.e. $0.042/s
            Map.entry("fal/fal-ai/kling-video/v2.5-turbo/standard/image-to-video", Price.perSecond(0.042, 5)),
            Map.entry("fal/fal-ai/kling-video/v2.1/standard/image-to-video", Price.perSecond(0.056, 5)),
            Map.entry("fal/fal-ai/kling-video/v4/image-to-video", Price.perSecond(0.157, 5)),
            // Veo 3 with audio (the default) — $0.20/s without
            Map.entry("fal/fal-ai/veo3", Price.perSecond(0.40, 8)),
            Map.entry("fal/fal-ai/veo3/image-to-video", Price.perSecond(0.40, 8)),
            Map.entry("fal/fal-ai/veo3/fast", Price.perSecond(0.15, 8)),
            Map.entry("fal/fal-ai/minimax/hailuo-02/standard/image-to-video",
                    new Price(Map.of("*", 0.045, "768p", 0.045, "512p", 0.017), null, 6)),
            Map.entry("fal/fal-ai/minimax/hailuo-02/pro/image-to-video", Price.perSecond(0.08, 6)),
            Map.entry("fal/fal-ai/wan/v2.7/image-to-video", new Price(Map.of("720p", 0.10, "1080p", 0.15), null, 5)),
            Map.entry("fal/fal-ai/hunyuan-video", new Price(Map.of(), 0.40, 5)),
            Map.entry("fal/luma/agent/ray/v3.2/image-to-video",
                    new Price(Map.of("540p", 0.10, "720p", 0.20, "1080p", 0.40), null, 5)),
            // Runway (3): credits per second at $0.01 each; veo3.1 at its dearest (audio on)
            Map.entry("runway/gen4.5", Price.perSecond(0.12, 5)),
            Map.entry("runway/gen4_turbo", Price.perSecond(0.05, 5)),
            Map.entry("runway/gen4_aleph", Price.perSecond(0.15, 5)),
            Map.entry("runway/veo3", Price.perSecond(0.40, 8)),
            Map.entry("runway/veo3.1", Price.perSecond(0.40, 8)),
            Map.entry("runway/veo3.1_fast", Price.perSecond(0.15, 8)),
            // Luma (4): Ray 3.2 as fal sells it; legacy ray-2 per video, here per second of its 5 s / 9 s clips
            Map.entry("luma/ray-3.2", new Price(Map.of("540p", 0.10, "720p", 0.20, "1080p", 0.40), null, 5)),
            Map.entry("luma/ray-2", new Price(Map.of("540p", 0.08, "720p", 0.142, "1080p", 0.318, "4k", 1.274),
                    null, 5)),
            // Google Veo 3.1 (2.2; a 3p quote of March 2026, the only per-second figure found), 8 s by default
            Map.entry("google/veo-3.1-generate-001", Price.perSecond(0.40, 8)),
            Map.entry("google/veo-3.1-fast-generate-001", Price.perSecond(0.15, 8)),
            // MiniMax (6b): H3 pay-as-you-go (3p quote)
            Map.entry("minimax/MiniMax-H3", new Price(Map.of("*", 0.08, "768p", 0.08, "2k", 0.13), null, 6)));

    private final Map<String, Price> prices;

    private VideoPrices(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static VideoPrices builtIn() {
        return new VideoPrices(BUILT_IN);
    }

    /** The built-in table with {@code overrides} ({@code "provider/model"} → price) replacing or adding rows. */
    public static VideoPrices withOverrides(Map<String, Price> overrides) {
        Map<String, Price> m = new HashMap<>(BUILT_IN);
        m.putAll(overrides);
        return new VideoPrices(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoPrices other && prices.equals(other.prices);
    }

    @Override
    public int hashCode() {
        return prices.hashCode();
    }

    /** The estimated dollars for {@code r}, empty when the model's price is not known. */
    public Optional<Double> estimate(VideoRequest r) {
        Price p = prices.get(r.provider() + "/" + r.model());
        return p == null ? Optional.empty() : p.estimate(r.duration(), r.resolution());
    }
}
