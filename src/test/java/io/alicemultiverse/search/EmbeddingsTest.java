package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What lacks a vector is read a page at a time in content-hash order: a batch reads about what it returns (not every
 * asset of a 1,000,000-asset shared catalog), assets with nothing to embed are passed over rather than blocking the
 * pages after them, and filling everything goes round until nothing is left.
 */
class EmbeddingsTest {
    @TempDir
    Path tmp;

    /** A deterministic embedder that counts the texts it embeds (no model: this is about what is read). */
    private static class Counting implements TextEmbedder {
        final AtomicInteger texts = new AtomicInteger();

        @Override
        public String model() {
            return "counting";
        }

        @Override
        public int dimensions() {
            return 384; // the catalog's vector column
        }

        @Override
        public float[] embed(String text) {
            texts.incrementAndGet();
            float[] v = new float[384];
            v[Math.floorMod(text.hashCode(), 384)] = 1;
            return v;
        }
    }

    private static long vectors(Catalog c) {
        return c.select("SELECT count(*) FROM embeddings", List.of(), rs -> rs.getLong(1)).get(0);
    }

    @Test
    void batchesPageThroughBlankAssetsAndFillingGoesRoundUntilNothingIsLeft() {
        try (Catalog c = Catalog.open(tmp)) {
            List<SyntheticCatalog.Spec> specs = new ArrayList<>();
            LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
            // more assets with nothing to embed than one page holds, so some page is blank from end to end
            for (int i = 0; i < 9_000; i++) {
                specs.add(new SyntheticCatalog.Spec("blank" + i, null, "comfyui", null, "p", t.plusSeconds(i)));
            }
            List<SyntheticCatalog.Spec> worded = SyntheticCatalog.generateDistinct(0, 300, 7);
            specs.addAll(worded);
            SyntheticCatalog.write(c, specs);

            Embeddings.Batch few = Embeddings.missing(c, "counting", 5);
            assertThat(few.texts()).hasSize(5);
            assertThat(few.texts()).allSatisfy(text -> assertThat(text).isNotBlank());

            Counting embedder = new Counting();
            assertThat(Embeddings.fillMissing(c, embedder)).hasSize(300);
            assertThat(vectors(c)).isEqualTo(300);
            assertThat(embedder.texts.get()).isEqualTo(300);
            assertThat(Embeddings.missing(c, "counting", 100).isEmpty()).isTrue();
            // nothing left: another fill ends at once
            assertThat(Embeddings.fillMissing(c, embedder)).isEmpty();
        }
    }

    @Test
    void aBudgetOfNothingEmbedsNothingAndAShortOneStopsPartWay() {
        try (Catalog c = Catalog.open(tmp)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generateDistinct(0, 2_000, 11));
            Counting embedder = new Counting();
            assertThat(Embeddings.fillMissing(c, embedder, System.nanoTime())).isEmpty();
            assertThat(embedder.texts.get()).isZero();
            Counting slow = new Counting() {
                @Override
                public float[] embed(String text) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.embed(text);
                }
            };
            // 2,000 texts take at least 4 s: a 1.5 s budget ends part-way
            long deadline = System.nanoTime() + java.time.Duration.ofMillis(1500).toNanos();
            int done = Embeddings.fillMissing(c, slow, deadline).size();
            assertThat(done).isPositive().isLessThan(2_000);
            assertThat(vectors(c)).isEqualTo(done);
        }
    }
}
