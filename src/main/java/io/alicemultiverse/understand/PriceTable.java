package io.alicemultiverse.understand;

import java.util.HashMap;
import java.util.Map;

/**
 * Dollars per million tokens for each model, and how many input tokens one image of at most 1024 px a side costs by
 * the provider's documented accounting (OpenAI tiles of 512 px at 170 tokens + 85, gpt-4o-mini's multiplied image
 * tokens; Anthropic width × height / 750; Gemini 258 tokens per 768 px tile). The built-in figures are the
 * providers' list prices as of {@link #AS_OF}; the configuration overrides or adds models. Immutable.
 */
public final class PriceTable {
    /**
     * When the built-in prices were taken from the providers' price pages. Re-checked on 2026-11-25 with the stored
     * web pages the project can search (no live access to the providers' sites): every figure below still matched.
     * Anthropic: its own pricing page (docs.anthropic.com/en/docs/about-claude/pricing, an older copy that confirms
     * Sonnet 4 at $3/$15 and Haiku 3.5 at $0.80/$4) and 2026 summaries that cite it (Haiku 4.5 $1/$5, Sonnet 4.5
     * $3/$15). OpenAI (platform.openai.com/docs/pricing) and Gemini (ai.google.dev/gemini-api/docs/pricing): only
     * summaries citing those pages, dated January to June 2026, agreeing with each other. Newer models (GPT-5, Claude
     * 4.6/5.x, Gemini 3) are not listed because their image-token accounting could not be confirmed; add them under
     * {@code understanding.prices} in the configuration.
     */
    public static final String AS_OF = "2025-10-01";
    /** Tokens of the shared instructions in a request (measured with the providers' tokenizers: ~330). */
    public static final int INSTRUCTION_TOKENS = 350;
    /** Output tokens assumed per image when estimating (a full answer is ~150–250). */
    public static final int OUTPUT_TOKENS_PER_IMAGE = 300;

    /** A model's price; {@code imageTokens} is for one image sent at the default 1024 px long side. */
    public record Price(double inputPerMillion, double outputPerMillion, int imageTokens) {
        public double cost(Usage u) {
            return (u.tokensIn() * inputPerMillion + u.tokensOut() * outputPerMillion) / 1_000_000.0;
        }
    }

    private static final Map<String, Price> BUILT_IN = Map.ofEntries(
            Map.entry("openai/gpt-4o-mini", new Price(0.15, 0.60, 25_501)),
            Map.entry("openai/gpt-4o", new Price(2.50, 10.00, 765)),
            Map.entry("openai/gpt-4.1-mini", new Price(0.40, 1.60, 1_659)),
            Map.entry("openai/gpt-4.1", new Price(2.00, 8.00, 765)),
            Map.entry("anthropic/claude-haiku-4-5", new Price(1.00, 5.00, 1_398)),
            Map.entry("anthropic/claude-sonnet-4-5", new Price(3.00, 15.00, 1_398)),
            Map.entry("anthropic/claude-3-5-haiku-latest", new Price(0.80, 4.00, 1_398)),
            Map.entry("gemini/gemini-2.5-flash", new Price(0.30, 2.50, 1_032)),
            Map.entry("gemini/gemini-2.5-flash-lite", new Price(0.10, 0.40, 1_032)),
            Map.entry("gemini/gemini-2.5-pro", new Price(1.25, 10.00, 1_032)));

    /** What an unknown model of a paid provider is assumed to cost: the provider's dearest listed model. */
    private static final Map<String, Price> FALLBACK = Map.of(
            "openai", new Price(2.50, 10.00, 25_501),
            "openai-compatible", new Price(2.50, 10.00, 1_398),
            "anthropic", new Price(3.00, 15.00, 1_398),
            "gemini", new Price(1.25, 10.00, 1_032));

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable builtIn() {
        return new PriceTable(BUILT_IN);
    }

    /** This table with {@code overrides} ({@code "provider/model"} → price) replacing or adding entries. */
    public PriceTable with(Map<String, Price> overrides) {
        Map<String, Price> m = new HashMap<>(prices);
        m.putAll(overrides);
        return new PriceTable(m);
    }

    /** The price of {@code model} at {@code provider}: listed, else the provider's fallback, else free (local, Ollama). */
    public Price price(String provider, String model) {
        Price p = prices.get(provider + "/" + model);
        if (p != null) {
            return p;
        }
        return FALLBACK.getOrDefault(provider, new Price(0, 0, 1_000));
    }

    /** Whether the model has a listed (or configured) price rather than an assumed one. */
    public boolean listed(String provider, String model) {
        return prices.containsKey(provider + "/" + model);
    }

    /** Tokens and dollars a request of {@code images} images is expected to cost (an upper-leaning estimate). */
    public Estimate estimate(String provider, String model, int images, int requests) {
        Price p = price(provider, model);
        long in = (long) requests * INSTRUCTION_TOKENS + (long) images * p.imageTokens();
        long out = (long) images * OUTPUT_TOKENS_PER_IMAGE;
        return new Estimate(images, requests, in, out, p.cost(new Usage(in, out)));
    }

    /** An estimate. Immutable. */
    public record Estimate(int images, int requests, long tokensIn, long tokensOut, double usd) {
    }
}
