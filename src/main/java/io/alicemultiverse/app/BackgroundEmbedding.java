package io.alicemultiverse.app;

import io.alicemultiverse.search.Embeddings;
import io.alicemultiverse.search.SearchEngine;

import java.util.List;
import java.util.function.Supplier;

/**
 * Embedding every asset that lacks a vector, as {@link BackgroundBatches} work: the model runs outside the library's
 * lock, so searches go on meanwhile (finding the newest assets by their words until their vectors come).
 */
final class BackgroundEmbedding implements BackgroundBatches.Work<BackgroundEmbedding.Batch, List<float[]>> {
    /** Texts a batch takes: ~0.5–1 s of model time on two cores, between lock holds. */
    private static final int BATCH = 512;

    record Batch(SearchEngine engine, Embeddings.Batch texts) {
    }

    private final Supplier<SearchEngine> search;

    /** @param search the library's search engine (called under the lock) */
    BackgroundEmbedding(Supplier<SearchEngine> search) {
        this.search = search;
    }

    @Override
    public Batch next() {
        SearchEngine engine = search.get();
        Embeddings.Batch texts = engine.missingBatch(BATCH);
        return texts.isEmpty() ? null : new Batch(engine, texts);
    }

    @Override
    public List<float[]> compute(Batch batch) {
        return batch.engine().embed(batch.texts().texts());
    }

    @Override
    public void store(Batch batch, List<float[]> vectors) {
        batch.engine().store(batch.texts(), vectors);
    }
}
