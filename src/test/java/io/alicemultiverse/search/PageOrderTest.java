package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of ranked results is the head of the whole list, whatever its size: when more assets share the query's
 * words than one ranking gives candidates, a strong match by meaning that BM25's best few left out still gets its
 * words' share of the score (it ranked 9th in the whole list and was missing from a page of 300).
 */
class PageOrderTest {
    @TempDir
    Path tmp;

    @Test
    void aPageIsTheHeadOfTheWholeList() {
        List<SyntheticCatalog.Spec> specs = new ArrayList<>();
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < 400; i++) {
            specs.add(new SyntheticCatalog.Spec("c-" + i, "prompt number " + i + " of a castle", "a1111", "m" + i % 5,
                    "p" + i % 4, t.plusMinutes(i)));
        }
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(catalog, specs);
            List<String> all = new ArrayList<>();
            engine.each(SearchQuery.builder().word("castle").build(), h -> all.add(h.contentHash()));
            assertThat(all).hasSize(400);
            for (int limit : new int[]{10, 20, 300}) {
                List<String> page = engine.search(SearchQuery.builder().word("castle").limit(limit).build(), false)
                        .hits().stream().map(SearchHit::contentHash).toList();
                assertThat(page).as("a page of %d", limit).containsExactlyElementsOf(all.subList(0, limit));
            }
        }
    }
}
