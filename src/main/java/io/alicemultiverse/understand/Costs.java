package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.UnderstandingStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the spend ledger grouped by day, provider, model or project. Stateless. */
public final class Costs {
    /** Groupings of the ledger. */
    public enum By {
        DAY(UnderstandingStore.SpendGrouping.DAY), PROVIDER(UnderstandingStore.SpendGrouping.PROVIDER),
        MODEL(UnderstandingStore.SpendGrouping.MODEL), PROJECT(UnderstandingStore.SpendGrouping.PROJECT);

        private final UnderstandingStore.SpendGrouping grouping;

        By(UnderstandingStore.SpendGrouping grouping) {
            this.grouping = grouping;
        }

        public static By parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("costs are grouped by day, provider, model or project, not '" + s + "'");
            }
        }
    }

    private Costs() {
    }

    /** {@code {"by", "rows": [...as by()], "total_usd"}}. */
    public static Map<String, Object> report(Catalog catalog, By by) {
        List<Map<String, Object>> rows = by(catalog, by);
        double total = rows.stream().mapToDouble(r -> ((Number) r.get("cost_usd")).doubleValue()).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", by.name().toLowerCase(Locale.ROOT));
        m.put("rows", rows);
        m.put("total_usd", Math.round(total * 1e6) / 1e6);
        return m;
    }

    /**
     * What the paid operations did and cost per day over the last {@code days} days up to {@code today}:
     * {@code {"since", "rows": [{day, operation, count, unit, cost_usd}], "by_operation": {op: cost_usd},
     * "total_usd"}}; {@code unit} says what {@code count} counts ({@code images} understood, video {@code clips}
     * billed). Days without activity have no row.
     */
    public static Map<String, Object> daily(Catalog catalog, java.time.LocalDate today, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, not " + days);
        }
        java.time.LocalDate since = today.minusDays(days - 1L);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        Map<String, Object> byOperation = new java.util.TreeMap<>();
        double total = 0;
        for (UnderstandingStore.DailyOperation d : catalog.understanding().byDayAndOperation(since.atStartOfDay())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day());
            m.put("operation", d.operation());
            m.put("count", d.count());
            m.put("unit", d.operation().equals("video") ? "clips" : "images");
            m.put("cost_usd", round(d.costUsd()));
            rows.add(m);
            byOperation.merge(d.operation(), round(d.costUsd()), (a, b) -> round((Double) a + (Double) b));
            total += d.costUsd();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", since.toString());
        m.put("rows", rows);
        m.put("by_operation", byOperation);
        m.put("total_usd", round(total));
        return m;
    }

    private static double round(double usd) {
        return Math.round(usd * 1e6) / 1e6;
    }

    /** One row per group, {@code {key, images, tokens_in, tokens_out, cost_usd}}, largest key last for days. */
    public static List<Map<String, Object>> by(Catalog catalog, By by) {
        return catalog.understanding().spendBy(by.grouping).stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(by.name().toLowerCase(Locale.ROOT), g.key());
            m.put("images", g.images());
            m.put("tokens_in", g.tokensIn());
            m.put("tokens_out", g.tokensOut());
            m.put("cost_usd", Math.round(g.costUsd() * 1e6) / 1e6);
            return m;
        }).toList();
    }
}
