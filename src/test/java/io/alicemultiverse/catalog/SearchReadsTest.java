package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's search reads take typed filters and bind every value: text that would break or change SQL if it
 * were pasted in finds nothing and harms nothing; a filter, its keyset chunks and its facets agree with each other.
 */
class SearchReadsTest {
    @TempDir
    Path tmp;

    @Test
    void hostileFilterValuesAreBoundNotPasted() {
        try (Catalog c = Catalog.open(tmp)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generate(40, 10, 7));
            String hostile = "x') OR 1=1; DROP TABLE assets; --";
            AssetFilter f = new AssetFilter(List.of(hostile), false, List.of(hostile), List.of(hostile),
                    List.of(hostile), null, null, null, List.of(hostile), List.of(" " + hostile + " "));
            assertThat(c.searchReads().page(f, false, 100, 0)).isEmpty();
            assertThat(c.searchReads().share(f)).isZero();
            AssetFilter excludeOnly = new AssetFilter(List.of(), false, List.of(), List.of(), List.of(), null, null,
                    null, List.of(), List.of(" " + hostile + " "));
            assertThat(c.searchReads().page(excludeOnly, false, 100, 0)).hasSize(40);
            assertThat(c.assetCount()).isEqualTo(40);
        }
    }

    @Test
    void keysetChunksListEveryMatchOnceInPageOrder() {
        try (Catalog c = Catalog.open(tmp)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generate(300, 30, 11));
            AssetFilter f = new AssetFilter(List.of(), false, List.of("comfyui", "flux"), List.of(), List.of(),
                    LocalDateTime.of(2025, 3, 1, 0, 0), null, "image", List.of(), List.of());
            for (boolean oldest : new boolean[]{false, true}) {
                List<SearchReads.Found> whole = c.searchReads().page(f, oldest, 1_000, 0);
                List<SearchReads.Found> chunked = new ArrayList<>();
                SearchReads.Found last = null;
                for (List<SearchReads.Found> chunk = c.searchReads().after(f, oldest, 7, null); !chunk.isEmpty();
                     chunk = c.searchReads().after(f, oldest, 7, last)) {
                    chunked.addAll(chunk);
                    last = chunk.get(chunk.size() - 1);
                }
                assertThat(whole).isNotEmpty();
                assertThat(chunked).as("oldest=" + oldest).containsExactlyElementsOf(whole);
                Map<String, Map<String, Long>> facets = c.searchReads().facets(f);
                assertThat(facets.get("source").values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(whole.size());
                assertThat(facets.get("source").keySet()).isSubsetOf("comfyui", "flux");
                assertThat(c.searchReads().rows(whole.stream().map(SearchReads.Found::contentHash).toList()))
                        .hasSize(whole.size());
            }
        }
    }

    @Test
    void everyAssetsFacetsCountTheSameAsTheMatchesAndLeaveOutTagsOfRemovedAssets() {
        for (boolean postgres : new boolean[]{false, true}) {
            Path lib = tmp.resolve(postgres ? "pg" : "duck");
            try (Catalog c = TestPostgres.openCatalog(lib, postgres)) {
                List<String> hashes = SyntheticCatalog.write(c, SyntheticCatalog.generate(120, 30, 5));
                c.searchStore().changeUserTags(hashes.subList(0, 60), List.of("studio-pick"), true);
                c.deleteAssets(hashes.subList(0, 10)); // their user tags stay, for the contents may come back
                List<String> left = hashes.subList(10, hashes.size());
                Map<String, Map<String, Long>> every = c.searchReads().facets(AssetFilter.ALL);
                // the unfiltered statement (tags joined with the assets table) against the one over given matches
                assertThat(every).as("postgres=" + postgres).isEqualTo(c.searchReads().facetsOf(left));
                assertThat(every.get("tag")).as("postgres=" + postgres).containsEntry("studio-pick", 50L);
                Map<String, Long> counted = new java.util.HashMap<>();
                c.searchReads().rows(left).values().forEach(r -> r.tags().forEach(t -> counted.merge(t, 1L, Long::sum)));
                every.get("tag").forEach((tag, n) -> assertThat(n).as(tag).isEqualTo(counted.get(tag)));
                assertThat(every.get("tag")).hasSize(Math.min(50, counted.size()));
                assertThat(every.get("source").values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(left.size());
            }
        }
    }
}
