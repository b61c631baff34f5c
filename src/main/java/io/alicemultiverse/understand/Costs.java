package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the spend ledger grouped by day, provider, model or project. Stateless. */
public final class Costs {
    /** Groupings: a whitelist, never user text in SQL. */
    public enum By {
        DAY("strftime(time, '%Y-%m-%d')"), PROVIDER("provider"), MODEL("provider || '/' || model"),
        PROJECT("coalesce(project, 'uncategorized')");

        private final String expression;

        By(String expression) {
            this.expression = expression;
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

    /** One row per group, {@code {key, images, tokens_in, tokens_out, cost_usd}}, largest key last for days. */
    public static List<Map<String, Object>> by(Catalog catalog, By by) {
        return catalog.select("SELECT " + by.expression + " AS k, count(*), sum(tokens_in), sum(tokens_out), "
                + "sum(cost_usd) FROM spend GROUP BY k ORDER BY k", List.of(), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(by.name().toLowerCase(Locale.ROOT), rs.getString(1));
            m.put("images", rs.getLong(2));
            m.put("tokens_in", rs.getLong(3));
            m.put("tokens_out", rs.getLong(4));
            m.put("cost_usd", Math.round(rs.getDouble(5) * 1e6) / 1e6);
            return m;
        });
    }
}
