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

    private RowCache(long counter, Map<String, SearchHit> rows) {
        this.counter = counter;
        this.rows = rows;
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
        catalog.select("SELECT content_hash, path, source, project, model, created_at, prompt FROM assets", List.of(), rs -> {
            Timestamp t = rs.getTimestamp(6);
            String h = rs.getString(1);
            return rows.put(h, new SearchHit(h, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    t == null ? null : t.toLocalDateTime(), rs.getString(7), tags.getOrDefault(h, List.of()), null));
        });
        return new RowCache(counter, rows);
    }

    SearchHit get(String hash) {
        return rows.get(hash);
    }
}
