package io.alicemultiverse.understand;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code understanding:} section of the configuration. Immutable; null budgets and a null provider mean none
 * (the provider then is {@code local}). Keys (all optional): {@code provider}, {@code model}, {@code base_url},
 * {@code max_side}, {@code batch_size}, {@code concurrency}, {@code requests_per_minute},
 * {@code tokens_per_minute}, {@code timeout_seconds}, {@code confirm_above_usd}, {@code daily_budget_usd},
 * {@code monthly_budget_usd}, {@code prices} ({@code "provider/model": {input, output, image_tokens}}, dollars per
 * million tokens), {@code providers} (per provider id, any of the keys above except {@code provider} and
 * {@code prices}: e.g. {@code providers: {openai: {concurrency: 8, requests_per_minute: 500}}}, applied on top for
 * runs of that provider). API keys are never read from here.
 */
public record UnderstandSettings(String provider, String model, String baseUrl, int maxSide, int batchSize,
                                 int concurrency, int requestsPerMinute, long tokensPerMinute, int timeoutSeconds,
                                 double confirmAboveUsd, Double dailyBudgetUsd, Double monthlyBudgetUsd,
                                 Map<String, PriceTable.Price> prices, Map<String, JsonNode> perProvider) {
    public UnderstandSettings {
        prices = Map.copyOf(prices);
        perProvider = Map.copyOf(perProvider);
    }

    public static UnderstandSettings defaults() {
        return new UnderstandSettings(null, null, null, ProviderSettings.DEFAULT_MAX_SIDE, 8, 4, 0, 0, 60, 1.00,
                null, null, Map.of(), Map.of());
    }

    /** These settings with the {@code providers.<name>} section applied, for a run of that provider. */
    public UnderstandSettings forProvider(String name) {
        // the top-level model and base URL belong to the configured provider, not to another one
        boolean same = name.equals(provider == null ? "local" : provider);
        UnderstandSettings base = new UnderstandSettings(name, same ? model : null, same ? baseUrl : null, maxSide,
                batchSize, concurrency, requestsPerMinute, tokensPerMinute, timeoutSeconds, confirmAboveUsd,
                dailyBudgetUsd, monthlyBudgetUsd, prices, perProvider);
        JsonNode n = perProvider.get(name);
        if (n == null) {
            return base;
        }
        if (!n.isObject() || n.has("provider") || n.has("prices") || n.has("providers")) {
            throw new IllegalArgumentException("understanding.providers." + name
                    + " must be a mapping without provider, prices or providers");
        }
        return base.merge(n);
    }

    /** These settings with the keys present in {@code section} replacing them; bad values name their key. */
    public UnderstandSettings merge(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return this;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("understanding: must be a mapping");
        }
        Map<String, PriceTable.Price> p = new LinkedHashMap<>(prices);
        JsonNode pn = section.path("prices");
        pn.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!e.getKey().contains("/") || !v.path("input").isNumber() || !v.path("output").isNumber()) {
                throw new IllegalArgumentException("understanding.prices." + e.getKey()
                        + " needs a provider/model key and numeric input and output");
            }
            p.put(e.getKey(), new PriceTable.Price(v.path("input").asDouble(), v.path("output").asDouble(),
                    v.path("image_tokens").asInt(1_000)));
        });
        return new UnderstandSettings(text(section, "provider", provider), text(section, "model", model),
                text(section, "base_url", baseUrl), integer(section, "max_side", maxSide),
                integer(section, "batch_size", batchSize), integer(section, "concurrency", concurrency),
                integer(section, "requests_per_minute", requestsPerMinute),
                integer(section, "tokens_per_minute", (int) Math.min(Integer.MAX_VALUE, tokensPerMinute)),
                integer(section, "timeout_seconds", timeoutSeconds),
                number(section, "confirm_above_usd", confirmAboveUsd),
                number(section, "daily_budget_usd", dailyBudgetUsd),
                number(section, "monthly_budget_usd", monthlyBudgetUsd), p, providers(section));
    }

    /** The provider settings for a run, with the command line's choices (null = configured). */
    public ProviderSettings provider(String name, String modelFlag, String baseUrlFlag) {
        String n = name != null ? name : provider != null ? provider : "local";
        boolean sameProvider = name == null || name.equals(provider);
        return new ProviderSettings(n, modelFlag != null ? modelFlag : sameProvider ? model : null,
                baseUrlFlag != null ? baseUrlFlag : sameProvider ? baseUrl : null, maxSide, batchSize,
                Duration.ofSeconds(timeoutSeconds));
    }

    public ProviderLimits limits() {
        return ProviderLimits.defaults().withRates(requestsPerMinute, tokensPerMinute);
    }

    public PriceTable priceTable() {
        return PriceTable.builtIn().with(prices);
    }

    private Map<String, JsonNode> providers(JsonNode section) {
        Map<String, JsonNode> out = new LinkedHashMap<>(perProvider);
        section.path("providers").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String text(JsonNode n, String key, String fallback) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static int integer(JsonNode n, String key, int fallback) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw new IllegalArgumentException("understanding." + key + " must be a whole number ≥ 0: " + v);
        }
        return v.asInt();
    }

    private static Double number(JsonNode n, String key, Double fallback) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw new IllegalArgumentException("understanding." + key + " must be a number ≥ 0: " + v);
        }
        return v.asDouble();
    }
}
