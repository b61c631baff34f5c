package io.alicemultiverse.video;

import java.util.Map;

/**
 * Money and pace settings for video generation. Immutable. The budgets are understanding's ({@code understanding:}
 * {@code confirm_above_usd}, {@code daily_budget_usd}, {@code monthly_budget_usd}): one ledger, one set of limits.
 *
 * @param caps per-provider concurrency caps replacing the defaults of {@link VideoProviders}
 */
public record VideoSettings(double confirmAboveUsd, Double dailyBudgetUsd, Double monthlyBudgetUsd,
                            VideoPrices prices, Map<String, Integer> caps) {
    public VideoSettings {
        caps = caps == null ? Map.of() : Map.copyOf(caps);
    }

    public static VideoSettings defaults() {
        return new VideoSettings(1.0, null, null, VideoPrices.builtIn(), Map.of());
    }

    public int cap(String provider) {
        Integer c = caps.get(provider);
        return c != null ? c : VideoProviders.of(provider).concurrency();
    }
}
