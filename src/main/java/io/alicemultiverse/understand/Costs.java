package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.UnderstandingStore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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

    /**
     * The ledger grouped {@code by}, the record behind {@code alice costs --json} and the MCP tool {@code get_costs}:
     * {@code {"by", "rows": [{<by>, images, failed, clips, seconds, tokens_in, tokens_out, cost_usd}], "total_usd"}}:
     * {@code images} the paid images described, {@code failed} the paid replies that described nothing, {@code clips}
     * the video clips billed and {@code seconds} their length.
     */
    public record Report(@JsonPropertyDescription("day, provider, model or project") String by, List<Row> rows,
                         @JsonProperty("total_usd") double totalUsd) {
    }

    /** One group of the ledger: exactly one of day, provider, model and project names it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String day, String provider, String model, String project, long images,
                      @JsonPropertyDescription("Paid replies that could not be read or described nothing") long failed,
                      @JsonPropertyDescription("Video clips billed") long clips,
                      @JsonPropertyDescription("Seconds of the video clips billed") double seconds,
                      @JsonProperty("tokens_in") long tokensIn, @JsonProperty("tokens_out") long tokensOut,
                      @JsonProperty("cost_usd") double costUsd) {

        /** The value of the grouping this row is for. */
        public String key() {
            return day != null ? day : provider != null ? provider : model != null ? model : project;
        }
    }

    public static Report report(Catalog catalog, By by) {
        List<Row> rows = catalog.understanding().spendBy(by.grouping).stream().map(g -> new Row(
                by == By.DAY ? g.key() : null, by == By.PROVIDER ? g.key() : null, by == By.MODEL ? g.key() : null,
                by == By.PROJECT ? g.key() : null, g.images(), g.failed(), g.clips(), g.seconds(), g.tokensIn(),
                g.tokensOut(), Math.round(g.costUsd() * 1e6) / 1e6)).toList();
        double total = rows.stream().mapToDouble(Row::costUsd).sum();
        return new Report(by.name().toLowerCase(Locale.ROOT), rows, Math.round(total * 1e6) / 1e6);
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
}
