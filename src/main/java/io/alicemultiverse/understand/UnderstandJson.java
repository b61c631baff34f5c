package io.alicemultiverse.understand;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of a plan (estimate) and a run summary, shared by the CLI and the MCP server. Stateless. */
public final class UnderstandJson {
    private UnderstandJson() {
    }

    /** {@code {dry_run, provider, model, selected, cached, shared, images, requests, tokens_in, tokens_out, estimated_usd, prices_as_of}}. */
    public static Map<String, Object> plan(UnderstandPlan plan, boolean dryRun) {
        PriceTable.Estimate e = plan.estimate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dry_run", dryRun);
        m.put("provider", plan.provider());
        m.put("model", plan.model());
        m.put("selected", plan.selected());
        m.put("cached", plan.cached());
        m.put("shared", plan.shared());
        m.put("images", e.images());
        m.put("requests", e.requests());
        m.put("tokens_in", e.tokensIn());
        m.put("tokens_out", e.tokensOut());
        m.put("estimated_usd", Math.round(e.usd() * 1e6) / 1e6);
        m.put("prices_as_of", !plan.paid() ? "free" : plan.priceListed() ? PriceTable.AS_OF
                : "assumed (model not in the price table)");
        return m;
    }

    /** {@code {provider, model, selected, cached, analysed, shared, failed, skipped, requests, tokens_in, tokens_out, cost_usd, stopped, seconds}}. */
    public static Map<String, Object> summary(UnderstandSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", s.provider());
        m.put("model", s.model());
        m.put("selected", s.selected());
        m.put("cached", s.cached());
        m.put("analysed", s.analysed());
        m.put("shared", s.shared());
        m.put("failed", s.failed());
        m.put("skipped", s.skipped());
        m.put("requests", s.requests());
        m.put("tokens_in", s.tokensIn());
        m.put("tokens_out", s.tokensOut());
        m.put("cost_usd", Math.round(s.costUsd() * 1e6) / 1e6);
        m.put("stopped", s.stopReason());
        m.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
        return m;
    }
}
