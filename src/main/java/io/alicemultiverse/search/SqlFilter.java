package io.alicemultiverse.search;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a query's filters over {@code assets a}: fixed SQL text with {@code ?} placeholders and the
 * values to bind, in order. No user text ever becomes SQL. Immutable once built.
 */
final class SqlFilter {
    final String where;
    final List<Object> params;

    private SqlFilter(String where, List<Object> params) {
        this.where = where;
        this.params = List.copyOf(params);
    }

    boolean isEmpty() {
        return where.equals("TRUE");
    }

    static SqlFilter of(SearchQuery q) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!q.tags().isEmpty()) {
            if (q.anyTag()) {
                parts.add("a.content_hash IN (SELECT t.content_hash FROM tags t WHERE t.tag IN ("
                        + placeholders(q.tags().size()) + "))");
                params.addAll(q.tags());
            } else {
                for (String t : q.tags()) {
                    parts.add("a.content_hash IN (SELECT t.content_hash FROM tags t WHERE t.tag = ?)");
                    params.add(t);
                }
            }
        }
        List<String> generator = new ArrayList<>();
        if (!q.sources().isEmpty()) {
            generator.add("a.source IN (" + placeholders(q.sources().size()) + ")");
            params.addAll(q.sources());
        }
        for (String m : q.models()) {
            generator.add("contains(lower(coalesce(a.model, '')), ?)");
            params.add(m);
        }
        if (!generator.isEmpty()) {
            parts.add("(" + String.join(" OR ", generator) + ")");
        }
        if (!q.projects().isEmpty()) {
            parts.add("a.project IN (" + placeholders(q.projects().size()) + ")");
            params.addAll(q.projects());
        }
        if (q.since() != null) {
            parts.add("a.created_at >= ?");
            params.add(Timestamp.valueOf(q.since()));
        }
        if (q.until() != null) {
            parts.add("a.created_at < ?");
            params.add(Timestamp.valueOf(q.until()));
        }
        if (q.mediaType() != null) {
            parts.add("a.media_type = ?");
            params.add(q.mediaType());
        }
        for (String p : q.phrases()) {
            parts.add("contains(" + AssetText.LOWER_SQL + ", ?)");
            params.add(p);
        }
        for (String w : q.excluded()) {
            // whole words: both sides reduced to words separated by single spaces, the value is bound
            parts.add("NOT contains(" + AssetText.WORDS_SQL + ", ?)");
            params.add(AssetText.words(w));
        }
        return new SqlFilter(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
