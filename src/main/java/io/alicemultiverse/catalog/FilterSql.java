package io.alicemultiverse.catalog;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link AssetFilter} as the WHERE clause over {@code assets a}: fixed SQL text with {@code ?} placeholders and
 * the values to bind, in order. No user text ever becomes SQL. Each {@link FilterRule} is rendered from its field and
 * its match, so the rules are written once (the in-memory side, {@code search.RowCache}, reads the same definition).
 * Immutable once built.
 */
final class FilterSql {
    final String where;
    final List<Object> params;

    private FilterSql(String where, List<Object> params) {
        this.where = where;
        this.params = List.copyOf(params);
    }

    static FilterSql of(AssetFilter f, Dialect dialect) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (List<FilterRule.Clause> group : FilterRule.clauses(f)) {
            if (group.get(0).rule().group() == FilterRule.Group.ALONE) {
                parts.addAll(clause(group.get(0), dialect, params));
                continue;
            }
            List<String> alternatives = new ArrayList<>();
            for (FilterRule.Clause c : group) {
                alternatives.addAll(clause(c, dialect, params));
            }
            parts.add("(" + String.join(" OR ", alternatives) + ")");
        }
        return new FilterSql(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
    }

    /**
     * One rule with its values, as conditions that must all hold; in a group (whose rules are alternatives), as
     * conditions of which the group's parentheses need one.
     */
    private static List<String> clause(FilterRule.Clause c, Dialect dialect, List<Object> params) {
        FilterRule.Field field = c.rule().field();
        FilterRule.Match match = c.rule().match();
        boolean grouped = c.rule().group() != FilterRule.Group.ALONE;
        if (grouped && match.quantifier() != FilterRule.Match.Quantifier.ANY) {
            throw new IllegalStateException(c.rule() + ": only a rule of alternatives can be part of a group");
        }
        boolean tags = field == FilterRule.Field.TAG; // many values per asset, in their own table
        String column = column(field, dialect);
        List<String> tests = new ArrayList<>();
        if (c.values().stream().anyMatch(match::under)) {
            // a keyword path also matches the paths under it: plain tags keep their one equality each
            for (Object v : c.values()) {
                if (match.under(v)) {
                    tests.add("(" + column + " = ? OR " + column + " LIKE ? ESCAPE '\\')");
                    params.add(v);
                    params.add(((String) v).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "|%");
                } else {
                    tests.add(column + " = ?");
                    params.add(v);
                }
            }
        } else {
            if (match == FilterRule.Match.EQUALS_ANY || match == FilterRule.Match.IS_OR_UNDER_ANY) {
                // one IN list, which PostgreSQL's indexes answer in one scan
                tests.add(column + " IN (" + placeholders(c.values().size()) + ")");
            } else if (match == FilterRule.Match.EQUALS_ANY_IGNORING_CASE) { // PostgreSQL: an index on lower(column)
                tests.add("lower(" + column + ") IN (" + placeholders(c.values().size()) + ")");
            } else {
                c.values().forEach(v -> tests.add(test(match, column)));
            }
            // an IN list binds every value, one test per value binds its own: in the values' order either way
            c.values().forEach(v -> params.add(v instanceof LocalDateTime t ? Timestamp.valueOf(t) : v));
        }
        List<String> out = new ArrayList<>();
        switch (match.quantifier()) {
            case EACH -> tests.forEach(t -> out.add(tags ? withTag(t) : t));
            // a missing value holds none of the values: NOT of SQL's unknown would drop it
            case NONE -> tests.forEach(t -> out.add(tags ? "NOT " + withTag(t) : "NOT coalesce(" + t + ", FALSE)"));
            case ANY -> {
                if (tags) {
                    out.add(withTag(String.join(" OR ", tests)));
                } else if (grouped || tests.size() == 1) {
                    out.addAll(tests); // a group joins them by OR in its parentheses
                } else {
                    out.add("(" + String.join(" OR ", tests) + ")");
                }
            }
        }
        return out;
    }

    /** Assets one of whose tags passes {@code test} (a condition on {@code t.tag}). */
    private static String withTag(String test) {
        return "a.content_hash IN (SELECT t.content_hash FROM tags t WHERE " + test + ")";
    }

    private static String column(FilterRule.Field field, Dialect dialect) {
        return switch (field) {
            case TAG -> "t.tag";
            case SOURCE -> "a.source";
            case MODEL -> "a.model";
            case PROJECT -> "a.project";
            case MEDIA_TYPE -> "a.media_type";
            case CREATED -> "a.created_at";
            case TEXT -> SearchText.lower(dialect);
            // whole words: both sides reduced to words separated by single spaces, the value is bound
            case WORDS -> SearchSql.words(dialect);
        };
    }

    /** The SQL test of {@code column} against one bound value. */
    private static String test(FilterRule.Match match, String column) {
        return switch (match) {
            case EQUALS, EQUALS_ANY, EQUALS_EACH, EQUALS_NONE, IS_OR_UNDER_ANY, IS_OR_UNDER_EACH, IS_OR_UNDER_NONE ->
                    column + " = ?";
            case EQUALS_ANY_IGNORING_CASE, EQUALS_NONE_IGNORING_CASE -> "lower(" + column + ") = ?";
            // a missing value is an empty text, which contains no (non-empty) value
            case CONTAINS_ANY_IGNORING_CASE, CONTAINS_NONE_IGNORING_CASE ->
                    SearchText.contains("lower(coalesce(" + column + ", ''))");
            case CONTAINS_EACH, CONTAINS_NONE -> SearchText.contains(column);
            case AT_LEAST -> column + " >= ?";
            case BELOW -> column + " < ?";
        };
    }

    /** This filter's values followed by {@code more}, for a statement that binds further parameters after it. */
    List<Object> paramsThen(Object... more) {
        List<Object> out = new ArrayList<>(params.size() + more.length);
        out.addAll(params);
        Collections.addAll(out, more);
        return out;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
