package io.alicemultiverse.catalog;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link AssetFilter} as the WHERE clause over {@code assets a}: fixed SQL text with {@code ?} placeholders and
 * the values to bind, in order. No user text ever becomes SQL. Immutable once built.
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
        if (!f.tags().isEmpty()) {
            if (f.anyTag()) {
                parts.add("a.content_hash IN (SELECT t.content_hash FROM tags t WHERE t.tag IN ("
                        + placeholders(f.tags().size()) + "))");
                params.addAll(f.tags());
            } else {
                for (String t : f.tags()) {
                    parts.add("a.content_hash IN (SELECT t.content_hash FROM tags t WHERE t.tag = ?)");
                    params.add(t);
                }
            }
        }
        List<String> generator = new ArrayList<>();
        if (!f.sources().isEmpty()) {
            generator.add("a.source IN (" + placeholders(f.sources().size()) + ")");
            params.addAll(f.sources());
        }
        for (String m : f.models()) {
            generator.add(SearchText.contains("lower(coalesce(a.model, ''))"));
            params.add(m);
        }
        if (!generator.isEmpty()) {
            parts.add("(" + String.join(" OR ", generator) + ")");
        }
        if (!f.projects().isEmpty()) {
            parts.add("a.project IN (" + placeholders(f.projects().size()) + ")");
            params.addAll(f.projects());
        }
        if (f.since() != null) {
            parts.add("a.created_at >= ?");
            params.add(Timestamp.valueOf(f.since()));
        }
        if (f.until() != null) {
            parts.add("a.created_at < ?");
            params.add(Timestamp.valueOf(f.until()));
        }
        if (f.mediaType() != null) {
            parts.add("a.media_type = ?");
            params.add(f.mediaType());
        }
        for (String p : f.phrases()) {
            parts.add(SearchText.contains(SearchText.LOWER));
            params.add(p);
        }
        for (String w : f.excludedWords()) {
            // whole words: both sides reduced to words separated by single spaces, the value is bound
            parts.add("NOT " + SearchText.contains(SearchSql.words(dialect)));
            params.add(w);
        }
        return new FilterSql(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
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
