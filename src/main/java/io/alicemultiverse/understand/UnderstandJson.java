package io.alicemultiverse.understand;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/**
 * The JSON shapes of an understanding plan (the estimate) and a run's summary, the records behind
 * {@code alice understand --json} and the MCP tool {@code understand_assets}.
 */
public final class UnderstandJson {
    private UnderstandJson() {
    }

    /** What a run would send and cost; {@code next} only where the answer carries it. */
    public record Plan(
            @JsonProperty("dry_run") boolean dryRun, String provider, String model,
            @JsonPropertyDescription("Images the request selects") int selected,
            @JsonPropertyDescription("Already understood by this provider and model: never paid for again") int cached,
            @JsonPropertyDescription("Near duplicates that share a result instead of being sent") int shared,
            int images, int requests,
            @JsonProperty("tokens_in") long tokensIn, @JsonProperty("tokens_out") long tokensOut,
            @JsonProperty("estimated_usd") double estimatedUsd,
            @JsonProperty("prices_as_of") String pricesAsOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

        public static Plan of(UnderstandPlan plan, boolean dryRun) {
            PriceTable.Estimate e = plan.estimate();
            return new Plan(dryRun, plan.provider(), plan.model(), plan.selected(), plan.cached(), plan.shared(),
                    e.images(), e.requests(), e.tokensIn(), e.tokensOut(), Math.round(e.usd() * 1e6) / 1e6,
                    !plan.paid() ? "free" : plan.priceListed() ? PriceTable.AS_OF
                            : "assumed (model not in the price table)", null);
        }

        public Plan withNext(String step) {
            return new Plan(dryRun, provider, model, selected, cached, shared, images, requests, tokensIn,
                    tokensOut, estimatedUsd, pricesAsOf, step);
        }
    }

    /** What a run did and cost; {@code failures} and {@code warnings} only where the answer carries them. */
    public record Summary(
            String provider, String model, int selected, int cached, int analysed, int shared, int failed,
            int skipped, int requests,
            @JsonProperty("tokens_in") long tokensIn, @JsonProperty("tokens_out") long tokensOut,
            @JsonProperty("cost_usd") double costUsd,
            @JsonPropertyDescription("Why the run stopped early (budget, interrupted…), or null") String stopped,
            double seconds,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Failure> failures,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> warnings) {

        public static Summary of(UnderstandSummary s) {
            return new Summary(s.provider(), s.model(), s.selected(), s.cached(), s.analysed(), s.shared(),
                    s.failed(), s.skipped(), s.requests(), s.tokensIn(), s.tokensOut(),
                    Math.round(s.costUsd() * 1e6) / 1e6, s.stopReason(), Math.round(s.seconds() * 1000) / 1000.0,
                    null, null);
        }

        public Summary with(List<Failure> failures, List<String> warnings) {
            return new Summary(provider, model, selected, cached, analysed, shared, failed, skipped, requests,
                    tokensIn, tokensOut, costUsd, stopped, seconds, failures, warnings);
        }
    }

    /** An image that could not be understood, and why. */
    public record Failure(String path, String error) {
    }
}
