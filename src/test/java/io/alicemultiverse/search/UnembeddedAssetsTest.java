package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain-language search never misses an asset whose vector is not made yet (embedding runs behind organize): it is
 * found, and ranked first, by its words; once its vector is stored it is found by meaning too.
 */
class UnembeddedAssetsTest {
    @TempDir
    Path tmp;

    private static final String NEW_PROMPT = "lighthouse keeper feeding a ginger tabby cat on the rocks";

    private static long vectors(Catalog c) {
        return c.select("SELECT count(*) FROM embeddings", List.of(), rs -> rs.getLong(1)).get(0);
    }

    @Test
    void aColdSearchWithNoEmbeddingBudgetFindsTheNewAssetByItsWords() {
        try (Catalog c = Catalog.open(tmp); SearchEngine e = new SearchEngine(c, tmp, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generate(400, 60, 3));
            e.search(SearchQuery.builder().word("white cat").build(), false); // embeds all 400 (no budget yet)
            long before = c.changeCounter();
            String hash = SyntheticCatalog.write(c, List.of(new SyntheticCatalog.Spec("new", NEW_PROMPT, "comfyui",
                    "flux1-dev", "inbox", LocalDateTime.of(2026, 1, 2, 3, 4)))).get(0);
            e.changed(before, List.of(hash), false);
            e.embedWithin(Duration.ZERO);
            SearchResult r = e.search(SearchQuery.builder().word("lighthouse keeper with a cat").build(), false);
            assertThat(vectors(c)).as("no vector made for it").isEqualTo(400);
            assertThat(r.hits()).isNotEmpty();
            assertThat(r.hits().get(0).contentHash()).isEqualTo(hash);
            // with a budget again, the next search embeds it
            e.embedWithin(Duration.ofSeconds(30));
            e.changed(c.changeCounter(), List.of(), true);
            assertThat(vectors(c)).isEqualTo(401);
        }
    }

    @Test
    void aWarmEngineAsksItsOwnerToEmbedAndRanksByMeaningOnceStored() {
        AtomicInteger asked = new AtomicInteger();
        try (Catalog c = Catalog.open(tmp); SearchEngine e = new SearchEngine(c, tmp, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generate(400, 60, 4));
            e.warm();
            e.onMissingVectors(asked::incrementAndGet);
            long before = c.changeCounter();
            List<SyntheticCatalog.Spec> inbox = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) { // more than a warm engine embeds by itself
                inbox.add(new SyntheticCatalog.Spec("inbox-" + i, i == 0 ? NEW_PROMPT : "abstract texture number " + i,
                        "comfyui", "flux1-dev", "inbox", LocalDateTime.of(2026, 1, 2, 3, 4).plusMinutes(i)));
            }
            List<String> hashes = SyntheticCatalog.write(c, inbox);
            e.changed(before, hashes, false);
            assertThat(vectors(c)).isEqualTo(400);
            SearchQuery byWords = SearchQuery.builder().word("lighthouse keeper").build();
            assertThat(e.search(byWords, false).hits().get(0).contentHash()).isEqualTo(hashes.get(0));
            assertThat(asked.get()).as("the owner is told that vectors are missing").isPositive();

            // the owner's background work, one batch at a time, without the search waiting for it
            for (Embeddings.Batch b = e.missingBatch(30); !b.isEmpty(); b = e.missingBatch(30)) {
                e.store(b, e.embed(b.texts()));
            }
            assertThat(vectors(c)).isEqualTo(500);
            // no shared word: only the new vector can find it, and the warm snapshot already has it
            SearchQuery byMeaning = SearchQuery.builder().word("seaside beacon guardian with a kitten").build();
            assertThat(e.searchIfWarm(byMeaning, false)).hasValueSatisfying(r ->
                    assertThat(r.hits().stream().limit(3).map(SearchHit::contentHash)).contains(hashes.get(0)));
        }
    }
}
