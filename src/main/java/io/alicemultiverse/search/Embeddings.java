package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the catalog's {@code embeddings} table: every asset without a vector of the embedder's model gets one of
 * its prompt, its descriptions from understanding and its user and understanding tags. Each distinct text is embedded once (many assets share a
 * prompt). Not thread-safe (uses the catalog).
 */
final class Embeddings {
    private static final int CHUNK = 512;

    private Embeddings() {
    }

    /** Embeds every asset that has no vector yet; returns the assets that got one. */
    public static java.util.Set<String> fillMissing(Catalog catalog, TextEmbedder embedder) {
        Map<String, List<String>> byText = new LinkedHashMap<>();
        catalog.select("""
                SELECT a.content_hash, a.prompt, (SELECT string_agg(DISTINCT t.tag, ', ' ORDER BY t.tag) FROM tags t
                    WHERE t.content_hash = a.content_hash AND t.origin <> 'prompt'), %s
                FROM assets a WHERE NOT EXISTS
                    (SELECT 1 FROM embeddings e WHERE e.content_hash = a.content_hash AND e.model = ?)""".formatted(AssetText.DESCRIPTIONS_SQL),
                List.of(embedder.model()), rs -> {
                    String text = AssetText.embedded(rs.getString(2), rs.getString(4), rs.getString(3));
                    if (!text.isBlank()) { // nothing to embed: no prompt and no tags (found by filters only)
                        byText.computeIfAbsent(text, k -> new ArrayList<>()).add(rs.getString(1));
                    }
                    return null;
                });
        List<String> texts = new ArrayList<>(byText.keySet());
        java.util.Set<String> done = new java.util.LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i += CHUNK) {
            List<String> chunk = texts.subList(i, Math.min(texts.size(), i + CHUNK));
            List<float[]> vectors = embedder.embedAll(chunk);
            Map<String, float[]> out = new HashMap<>();
            for (int j = 0; j < chunk.size(); j++) {
                for (String h : byText.get(chunk.get(j))) {
                    out.put(h, vectors.get(j));
                }
            }
            catalog.searchStore().putEmbeddings(embedder.model(), out);
            done.addAll(out.keySet());
        }
        return done;
    }
}
