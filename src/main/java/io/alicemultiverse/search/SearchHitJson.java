package io.alicemultiverse.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented JSON shape of a search hit, shared by every surface:
 * {@code {"content_hash", "path", "source", "project", "created_at", "prompt", "tags", "score"}}. Stateless.
 */
public final class SearchHitJson {
    private SearchHitJson() {
    }

    public static Map<String, Object> toMap(SearchHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("content_hash", h.contentHash());
        m.put("path", h.path());
        m.put("source", h.source());
        m.put("project", h.project());
        m.put("created_at", h.createdAt() == null ? null : h.createdAt().toString());
        m.put("prompt", h.prompt());
        m.put("tags", h.tags());
        m.put("score", h.score());
        return m;
    }

    /** How many assets matched in all, or the page's size when the result does not know. */
    public static long total(SearchResult r) {
        return r.total() >= 0 ? r.total() : r.hits().size();
    }
}
