package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every asset's displayed fields and tags in memory, as of one catalog change counter: a warm engine (a server, a
 * benchmark) reads result rows from here instead of two catalog lookups per query. Immutable; thread-safe.
 */
final class RowCache {
    final long counter;
    private final Map<String, SearchHit> rows;
    private final Map<String, String> mediaTypes;

    private RowCache(long counter, Map<String, SearchHit> rows, Map<String, String> mediaTypes) {
        this.counter = counter;
        this.rows = rows;
        this.mediaTypes = mediaTypes;
    }

    /**
     * Whether {@code h} passes the filters of {@code q} that this cache can decide (all but phrases and
     * exclusions, which {@link #decides} rules out). The same rules as {@link SqlFilter}.
     */
    boolean passes(SearchQuery q, SearchHit h) {
        if (!q.tags().isEmpty()) {
            boolean ok = q.anyTag() ? q.tags().stream().anyMatch(h.tags()::contains) : h.tags().containsAll(q.tags());
            if (!ok) {
                return false;
            }
        }
        if (!q.sources().isEmpty() || !q.models().isEmpty()) {
            boolean ok = h.source() != null && q.sources().contains(h.source());
            String model = h.model() == null ? "" : h.model().toLowerCase(java.util.Locale.ROOT);
            ok = ok || q.models().stream().anyMatch(model::contains);
            if (!ok) {
                return false;
            }
        }
        if (!q.projects().isEmpty() && (h.project() == null || !q.projects().contains(h.project()))) {
            return false;
        }
        if (q.since() != null && (h.createdAt() == null || h.createdAt().isBefore(q.since()))) {
            return false;
        }
        if (q.until() != null && (h.createdAt() == null || !h.createdAt().isBefore(q.until()))) {
            return false;
        }
        return q.mediaType() == null || q.mediaType().equals(mediaTypes.get(h.contentHash()));
    }

    /** Whether {@link #passes} decides every filter of {@code q}. */
    static boolean decides(SearchQuery q) {
        return q.phrases().isEmpty() && q.excluded().isEmpty();
    }

    static RowCache load(Catalog catalog) {
        long counter = catalog.changeCounter();
        Map<String, List<String>> tags = new HashMap<>();
        catalog.select("SELECT content_hash, tag FROM tags ORDER BY content_hash, tag", List.of(), rs -> {
            List<String> l = tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
            String t = rs.getString(2);
            if (!l.contains(t)) {
                l.add(t);
            }
            return null;
        });
        Map<String, SearchHit> rows = new HashMap<>();
        Map<String, String> media = new HashMap<>();
        catalog.select("SELECT content_hash, path, source, project, model, created_at, prompt, media_type FROM assets",
                List.of(), rs -> {
            Timestamp t = rs.getTimestamp(6);
            String h = rs.getString(1);
            media.put(h, rs.getString(8));
            return rows.put(h, new SearchHit(h, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    t == null ? null : t.toLocalDateTime(), rs.getString(7), tags.getOrDefault(h, List.of()), null));
        });
        return new RowCache(counter, rows, media);
    }

    SearchHit get(String hash) {
        return rows.get(hash);
    }
}
