package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SearchReads;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facets counted from the lexical index's doc values are the catalog's, value for value and in the same order, on
 * both backends: every asset, filters, ranked matches few and many, assets without a source, model, project or tags,
 * tags of removed assets (which count for nothing), and after changes the index caught up with. A one-shot search
 * counts them from the index when this machine has one, from the catalog when not, with the same result.
 */
class IndexFacetsTest {
    @TempDir
    Path tmp;

    @Test
    void theIndexCountsWhatTheCatalogCountsOnBothBackends() {
        for (boolean postgres : new boolean[]{false, true}) {
            Path lib = tmp.resolve(postgres ? "pg" : "duck");
            try (Catalog c = TestPostgres.openCatalog(lib, postgres);
                 LexicalIndex index = LexicalIndex.at(tmp.resolve(postgres ? "pg-index" : "duck-index"))) {
                List<String> hashes = new ArrayList<>(SyntheticCatalog.write(c, specs()));
                c.searchStore().changeUserTags(hashes.subList(0, 900), List.of("studio-pick"), true); // among the top 50
                c.searchStore().changeUserTags(hashes.subList(40, 50), List.of("golden hour"), true); // also a prompt tag
                c.deleteAssets(hashes.subList(0, 10)); // their user tags stay, for the contents may come back
                List<String> left = new ArrayList<>(hashes.subList(10, hashes.size()));
                index.sync(c, () -> { });
                agree(c, index, left, "postgres=" + postgres);

                // changes elsewhere: tags added and removed, an asset gone; the index catches up, not rebuilds
                int rebuilds = LexicalIndex.REBUILDS.get();
                c.searchStore().changeUserTags(left.subList(100, 140), List.of("rework"), true);
                c.searchStore().changeUserTags(left.subList(40, 60), List.of("studio-pick"), false);
                c.deleteAssets(left.subList(200, 205));
                left.subList(200, 205).clear();
                assertThat(index.catchUp(c)).isTrue();
                assertThat(LexicalIndex.REBUILDS.get()).isEqualTo(rebuilds);
                agree(c, index, left, "postgres=" + postgres + ", after changes");
            }
        }
    }

    @Test
    void aOneShotSearchCountsFromTheIndexWhenThisMachineHasOne() {
        Path lib = tmp.resolve("lib");
        try (Catalog c = Catalog.open(lib); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(c, specs());
            SearchQuery bySource = SearchQuery.builder().source("comfyui").build();
            int before = CatalogRows.FACETS_FROM_INDEX.get();
            Map<String, Map<String, Long>> fromCatalog = e.search(bySource, true).facets();
            Map<String, Map<String, Long>> everyFromCatalog = e.search(SearchQuery.builder().build(), true).facets();
            assertThat(CatalogRows.FACETS_FROM_INDEX.get()).as("no index on this machine yet: none built for facets")
                    .isEqualTo(before);
            assertThat(Files.exists(lib.resolve(".alice/search/lexical"))).isFalse();

            e.rebuild(false);
            assertThat(ordered(e.search(bySource, true).facets())).isEqualTo(ordered(fromCatalog));
            assertThat(ordered(e.search(SearchQuery.builder().build(), true).facets()))
                    .isEqualTo(ordered(everyFromCatalog));
            assertThat(CatalogRows.FACETS_FROM_INDEX.get()).isEqualTo(before + 2);
            assertThat(fromCatalog.get("source")).containsOnlyKeys("comfyui");
        }
    }

    @Test
    void aTagHoldingTheSeparatorLeavesTheCountingToTheCatalog() {
        Path lib = tmp.resolve("odd");
        try (Catalog c = Catalog.open(lib); LexicalIndex index = LexicalIndex.at(tmp.resolve("odd-index"))) {
            List<String> hashes = SyntheticCatalog.write(c, specs());
            c.searchStore().changeUserTags(hashes.subList(0, 3), List.of("one\u001etwo"), true);
            index.sync(c, () -> { });
            assertThat(index.facets(null)).isEmpty();
            assertThat(index.search("two", 10)).hasSize(3); // its words are still indexed
            c.searchStore().changeUserTags(hashes.subList(0, 3), List.of("one\u001etwo"), false);
            assertThat(index.catchUp(c)).isTrue();
            assertThat(index.facets(null)).isPresent();
        }
    }

    /** Assets of every kind the facets tell apart, among them some without a source, model or project. */
    private static List<SyntheticCatalog.Spec> specs() {
        List<SyntheticCatalog.Spec> specs = new ArrayList<>(SyntheticCatalog.generate(2_600, 300, 19));
        LocalDateTime t = LocalDateTime.of(2024, 11, 30, 23, 59, 59);
        for (int i = 0; i < 30; i++) {
            specs.add(new SyntheticCatalog.Spec("bare-" + i, i % 3 == 0 ? "" : "untitled study " + i,
                    i % 2 == 0 ? null : "comfyui", i % 5 == 0 ? null : "flux1-dev", i % 4 == 0 ? null : "personal",
                    t.plusDays(i)));
        }
        return specs;
    }

    private static void agree(Catalog c, LexicalIndex index, List<String> left, String as) {
        SearchReads reads = c.searchReads();
        assertThat(ordered(index.facets(null).orElseThrow())).as(as + ": every asset")
                .isEqualTo(ordered(reads.facets(AssetFilter.ALL)));
        assertThat(reads.facets(AssetFilter.ALL).get("tag")).as(as).containsKey("studio-pick");
        for (SearchQuery q : List.of(SearchQuery.builder().source("comfyui").build(),
                SearchQuery.builder().tag("studio-pick").build(),
                SearchQuery.builder().project("personal").model("flux1-dev").build())) {
            AssetFilter f = q.filter();
            assertThat(ordered(index.facets(reads.hashes(f)).orElseThrow())).as(as + ": " + f)
                    .isEqualTo(ordered(reads.facets(f)));
        }
        // a few matches (under 1/256 of the documents: found by their hash terms) and many (each document's hash looked up)
        for (List<String> some : List.of(left.subList(0, 7), left.subList(0, left.size() - 3), List.<String>of())) {
            assertThat(ordered(index.facets(some).orElseThrow())).as(as + ": " + some.size() + " matches")
                    .isEqualTo(ordered(reads.facetsOf(some)));
        }
    }

    /** Each facet's values and counts as a list, so the order is compared too. */
    private static Map<String, List<Map.Entry<String, Long>>> ordered(Map<String, Map<String, Long>> facets) {
        Map<String, List<Map.Entry<String, Long>>> out = new LinkedHashMap<>();
        facets.forEach((k, v) -> out.put(k, List.copyOf(v.entrySet())));
        return out;
    }
}
