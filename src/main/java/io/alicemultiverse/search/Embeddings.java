package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the catalog's {@code embeddings} table: every asset without a vector of the embedder's model gets one of
 * its prompt, its descriptions from understanding and its user and understanding tags. Each distinct text is embedded
 * once (many assets share a prompt). All at once ({@link #fillMissing}), within a time budget, or a batch at a time
 * ({@link #missing}, {@link #store}) so that a background thread can embed without holding the catalog. Not
 * thread-safe (uses the catalog).
 */
public final class Embeddings {
    private static final int CHUNK = 512;
    /** Texts embedded between two looks at the clock when a budget applies: ~0.1–0.3 s of work on two cores. */
    private static final int BUDGET_CHUNK = 128;
    /** Distinct texts read from the catalog per round when there is no budget. */
    private static final int ROUND = 8192;
    /** Rows read per query while looking for texts to embed. */
    private static final int PAGE = 4096;

    /**
     * Distinct texts that lack a vector, with the assets that have each (in the catalog's order).
     *
     * @param texts  the texts to embed
     * @param owners for each text, the content hashes of the assets it stands for
     */
    public record Batch(List<String> texts, List<List<String>> owners) {
        public Batch {
            texts = List.copyOf(texts);
            owners = List.copyOf(owners);
        }

        public boolean isEmpty() {
            return texts.isEmpty();
        }
    }

    private Embeddings() {
    }

    /** Embeds every asset that has no vector yet; returns the assets that got one. */
    public static java.util.Set<String> fillMissing(Catalog catalog, TextEmbedder embedder) {
        return fillMissing(catalog, embedder, Long.MAX_VALUE);
    }

    /**
     * Embeds assets that have no vector yet until {@code System.nanoTime()} passes {@code deadline} (checked
     * between chunks of {@value #BUDGET_CHUNK} texts; {@link Long#MAX_VALUE}: no deadline); returns the assets
     * that got one. The rest keep none until a later call: search finds them by their words meanwhile.
     */
    public static java.util.Set<String> fillMissing(Catalog catalog, TextEmbedder embedder, long deadline) {
        int chunk = deadline == Long.MAX_VALUE ? CHUNK : BUDGET_CHUNK;
        java.util.Set<String> done = new java.util.LinkedHashSet<>();
        // a round at a time: with a budget, a one-shot command reads only what it can embed, not every asset
        while (System.nanoTime() - deadline < 0) {
            Batch round = missing(catalog, embedder.model(), deadline == Long.MAX_VALUE ? ROUND : chunk * 4);
            if (round.isEmpty()) {
                break;
            }
            for (int i = 0; i < round.texts().size() && System.nanoTime() - deadline < 0; i += chunk) {
                int end = Math.min(round.texts().size(), i + chunk);
                Batch part = new Batch(round.texts().subList(i, end), round.owners().subList(i, end));
                done.addAll(store(catalog, embedder.model(), part, embedder.embedAll(part.texts())));
            }
        }
        return done;
    }

    /**
     * Up to {@code maxTexts} distinct texts of assets without a vector of {@code model}, read a page at a time in
     * content-hash order until that many are found (assets with nothing to embed are passed over).
     */
    public static Batch missing(Catalog catalog, String model, int maxTexts) {
        Map<String, List<String>> byText = new LinkedHashMap<>();
        int page = Math.max(PAGE, maxTexts * 2);
        String after = "";
        List<io.alicemultiverse.catalog.SearchIndexSources.EmbeddingSource> read;
        do {
            read = catalog.searchIndexSources().unembedded(model, after, page);
            for (io.alicemultiverse.catalog.SearchIndexSources.EmbeddingSource src : read) {
                String text = AssetText.embedded(src.prompt(), src.descriptions(), src.tags());
                // nothing to embed: no prompt and no tags (found by filters only)
                if (!text.isBlank() && (byText.size() < maxTexts || byText.containsKey(text))) {
                    byText.computeIfAbsent(text, k -> new ArrayList<>()).add(src.contentHash());
                }
            }
            if (!read.isEmpty()) {
                after = read.get(read.size() - 1).contentHash(); // the next page starts after the last hash seen
            }
        } while (read.size() == page && byText.size() < maxTexts);
        return new Batch(new ArrayList<>(byText.keySet()), new ArrayList<>(byText.values()));
    }

    /** Stores {@code vectors} (one per text of {@code batch}, in order) for every asset; returns those assets. */
    public static java.util.Set<String> store(Catalog catalog, String model, Batch batch, List<float[]> vectors) {
        if (vectors.size() != batch.texts().size()) {
            throw new IllegalArgumentException(vectors.size() + " vectors for " + batch.texts().size() + " texts");
        }
        Map<String, float[]> out = new HashMap<>();
        for (int j = 0; j < vectors.size(); j++) {
            for (String h : batch.owners().get(j)) {
                out.put(h, vectors.get(j));
            }
        }
        catalog.searchStore().putEmbeddings(model, out);
        return out.keySet();
    }
}
