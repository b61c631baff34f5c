package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.UnderstandingRow;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quoted phrases answered from this machine's lexical index find what the catalog's SQL finds, on both backends: in
 * prompts (upper case in the prompt, lower case in the query), across two tags, in descriptions, several phrases at
 * once, none at all, and after changes the index caught up with. A one-shot search answers a phrase from the index
 * once this machine has one, with the same pages, order, walk and facets as from the catalog; too many matches, or a
 * tag the index cannot hold exactly, leave it to the catalog.
 */
class IndexPhrasesTest {
    @TempDir
    Path tmp;

    private static final List<List<String>> PHRASES = List.of(List.of("golden hour"), List.of("hour harbor"),
            List.of("lighthouse at dusk"), List.of("neon lights"), List.of("café crème"), List.of("golden hour", "lighthouse"),
            List.of("ld"), List.of("nowhere to be found"));

    @Test
    void theIndexFindsWhatTheCatalogFindsOnBothBackends() {
        for (boolean postgres : new boolean[]{false, true}) {
            try (Catalog c = TestPostgres.openCatalog(tmp.resolve(postgres ? "pg" : "duck"), postgres);
                 LexicalIndex index = LexicalIndex.at(tmp.resolve(postgres ? "pg-index" : "duck-index"))) {
                List<String> hashes = write(c);
                index.sync(c, () -> { });
                agree(c, index, "postgres=" + postgres);
                assertThat(found(index, "hour harbor")).as("a phrase across two tags").isNotEmpty();
                assertThat(found(index, "lighthouse at dusk")).as("a phrase in a description")
                        .containsExactlyInAnyOrder(hashes.get(7), hashes.get(8));

                // changes elsewhere, caught up with: a tag gone, a description added, an asset removed
                c.searchStore().changeUserTags(hashes.subList(0, 20), List.of("harbor"), false);
                c.understanding().saveUnderstanding(List.of(described(hashes.get(30), "A lighthouse at dusk")), List.of());
                c.deleteAssets(List.of(hashes.get(7)));
                assertThat(index.catchUp(c)).isTrue();
                agree(c, index, "postgres=" + postgres + ", after changes");
                assertThat(found(index, "lighthouse at dusk")).containsExactlyInAnyOrder(hashes.get(8), hashes.get(30));
            }
        }
    }

    @Test
    void aOneShotSearchAnswersPhrasesFromTheIndexAsTheCatalogDoes() {
        for (boolean postgres : new boolean[]{false, true}) {
            Path lib = tmp.resolve(postgres ? "pg-lib" : "duck-lib");
            try (Catalog c = TestPostgres.openCatalog(lib, postgres);
                 SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
                write(c);
                List<SearchQuery> queries = queries();
                int before = CatalogRows.PHRASES_FROM_INDEX.get();
                List<Object> fromCatalog = answers(e, queries);
                assertThat(CatalogRows.PHRASES_FROM_INDEX.get()).as("no index on this machine until the last query")
                        .isEqualTo(before);

                e.rebuild(false);
                List<Object> fromIndex = answers(e, queries);
                assertThat(CatalogRows.PHRASES_FROM_INDEX.get()).as("postgres=" + postgres)
                        .isGreaterThanOrEqualTo(before + queries.size());
                for (int i = 0; i < fromCatalog.size(); i++) {
                    assertThat(fromIndex.get(i)).as("postgres=" + postgres + ", answer " + i).isEqualTo(fromCatalog.get(i));
                }
                assertThat(fromCatalog).as("the queries find something").anyMatch(a -> a.toString().contains("golden"));
            }
        }
    }

    @Test
    void pagesAndWalksFromTheIndexAreTheCatalogsEvenAcrossTies() {
        for (boolean postgres : new boolean[]{false, true}) {
            try (Catalog c = TestPostgres.openCatalog(tmp.resolve(postgres ? "pg-rows" : "duck-rows"), postgres);
                 LexicalIndex index = LexicalIndex.at(tmp.resolve(postgres ? "pg-rows-index" : "duck-rows-index"))) {
                write(c);
                index.sync(c, () -> { });
                CatalogRows fromIndex = new CatalogRows(c, () -> java.util.Optional.of(index));
                CatalogRows fromCatalog = new CatalogRows(c, java.util.Optional::empty);
                for (SearchQuery q : List.of(SearchQuery.builder().phrase("golden hour").build(),
                        SearchQuery.builder().phrase("golden hour").source("comfyui").build(),
                        SearchQuery.builder().phrase("ld").build(), SearchQuery.builder().phrase("nowhere to be found").build())) {
                    AssetFilter f = q.filter();
                    String as = "postgres=" + postgres + ", " + f;
                    int before = CatalogRows.PHRASES_FROM_INDEX.get();
                    Rows.Selection local = fromIndex.select(f);
                    Rows.Selection sql = fromCatalog.select(f);
                    // the newest 40 (past the tie of 30: the catalog orders no further than time here, a set is compared)
                    assertThat(new HashSet<>(local.newest(40, h -> 0.0))).as(as).isEqualTo(new HashSet<>(sql.newest(40, h -> 0.0)));
                    assertThat(local.share()).as(as).isEqualTo(sql.share());
                    for (SearchQuery.Sort sort : List.of(SearchQuery.Sort.NEWEST, SearchQuery.Sort.OLDEST)) {
                        for (int offset : new int[]{0, 3, 19, 29, 85}) {
                            assertThat(local.page(sort, 7, offset)).as(as + " " + sort + " from " + offset)
                                    .isEqualTo(sql.page(sort, 7, offset));
                        }
                        assertThat(walk(local, sort)).as(as + " " + sort).isEqualTo(walk(sql, sort));
                    }
                    assertThat(ordered(local.facets())).as(as).isEqualTo(ordered(sql.facets()));
                    assertThat(CatalogRows.PHRASES_FROM_INDEX.get()).as(as).isEqualTo(before + 1);
                }
            }
        }
    }

    @Test
    void aPageNeedsTheMatchesUpToItsEndAndEveryTieOfTheLast() {
        List<IndexPhrases.Matched> m = new ArrayList<>();
        long[] times = {5, 9, 9, 9, 7, IndexPhrases.UNDATED, 3, 9, IndexPhrases.UNDATED};
        for (int i = 0; i < times.length; i++) {
            m.add(new IndexPhrases.Matched("h" + i, times[i]));
        }
        List<IndexPhrases.Matched> newest = PhraseOrder.byTime(m, SearchQuery.Sort.NEWEST);
        assertThat(newest.stream().map(IndexPhrases.Matched::created).toList())
                .containsExactly(9L, 9L, 9L, 9L, 7L, 5L, 3L, IndexPhrases.UNDATED, IndexPhrases.UNDATED);
        assertThat(PhraseOrder.leading(newest, 0, 2)).hasSize(4); // the tie of the second runs to the fourth
        assertThat(PhraseOrder.leading(newest, 0, 5)).hasSize(5);
        assertThat(PhraseOrder.leading(newest, 0, 8)).hasSize(9); // the undated are one tie
        assertThat(PhraseOrder.leading(newest, 0, 0)).isEmpty();
        List<IndexPhrases.Matched> oldest = PhraseOrder.byTime(m, SearchQuery.Sort.OLDEST);
        assertThat(oldest.stream().map(IndexPhrases.Matched::created).toList())
                .containsExactly(3L, 5L, 7L, 9L, 9L, 9L, 9L, IndexPhrases.UNDATED, IndexPhrases.UNDATED);
        LocalDateTime nine = LocalDateTime.of(2025, 1, 1, 0, 0);
        List<IndexPhrases.Matched> dated = List.of(new IndexPhrases.Matched("a", IndexPhrases.time(nine.plusHours(1))),
                new IndexPhrases.Matched("b", IndexPhrases.time(nine)), new IndexPhrases.Matched("c", IndexPhrases.time(nine)),
                new IndexPhrases.Matched("d", IndexPhrases.time(nine.minusHours(1))),
                new IndexPhrases.Matched("e", IndexPhrases.time(nine.minusHours(2))));
        // after an asset of that time: all of its tie (some come before it by path) and the next one
        assertThat(PhraseOrder.after(dated, SearchQuery.Sort.NEWEST, nine, 1).stream().map(IndexPhrases.Matched::hash))
                .containsExactly("b", "c", "d");
        assertThat(PhraseOrder.after(dated, SearchQuery.Sort.NEWEST, null, 1)).isEmpty();
    }

    @Test
    void tooManyMatchesOrATagHeldInexactlyLeaveItToTheCatalog() {
        Path lib = tmp.resolve("odd");
        try (Catalog c = Catalog.open(lib); LexicalIndex index = LexicalIndex.at(tmp.resolve("odd-index"))) {
            List<String> hashes = write(c);
            index.sync(c, () -> { });
            int all = found(index, "golden hour").size();
            assertThat(all).isGreaterThan(1);
            assertThat(index.containing(List.of("golden hour"), all)).isPresent();
            assertThat(index.containing(List.of("golden hour"), all - 1)).isEmpty();

            c.searchStore().changeUserTags(hashes.subList(0, 1), List.of("one\u001etwo"), true);
            assertThat(index.catchUp(c)).isTrue();
            assertThat(index.containing(List.of("golden hour"), 1_000_000)).isEmpty();
        }
    }

    @Test
    void bytesAreSearchedAsTheirCharactersAre() {
        byte[] text = "a crème brûlée, crème".getBytes(StandardCharsets.UTF_8);
        assertThat(IndexPhrases.indexOf(text, 0, text.length, "crème".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(IndexPhrases.indexOf(text, 3, text.length, "crème".getBytes(StandardCharsets.UTF_8))).isEqualTo(19);
        assertThat(IndexPhrases.indexOf(text, 0, text.length, "brûlée, crème!".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(IndexPhrases.indexOf(text, 0, 5, "crème".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    /**
     * 600 assets 13 minutes and more apart, but for 30 of one time, tags and descriptions that phrases find across
     * their parts; returns their hashes in order.
     */
    private static List<String> write(Catalog c) {
        List<SyntheticCatalog.Spec> specs = new ArrayList<>();
        LocalDateTime t = LocalDateTime.of(2025, 3, 1, 8, 0);
        List<SyntheticCatalog.Spec> drawn = SyntheticCatalog.generate(600, 120, 23);
        for (int i = 0; i < drawn.size(); i++) {
            SyntheticCatalog.Spec s = drawn.get(i);
            String prompt = i % 50 == 3 ? "Neon Lights over a wet street" : i % 50 == 4 ? "a café crème on a table" : s.prompt();
            // the first 30 share one time (the newest, and the 30th-from-newest: pages and walks cross the tie), their
            // paths then differing in the hash alone, which every collation orders alike
            boolean tied = i < 30;
            specs.add(new SyntheticCatalog.Spec(s.id(), prompt, tied ? "comfyui" : s.source(), s.model(),
                    tied ? "personal" : s.project(), tied ? t.plusDays(30) : t.plusMinutes((long) i * 97 % 600 * 13 + 1)));
        }
        List<String> hashes = SyntheticCatalog.write(c, specs);
        c.searchStore().changeUserTags(hashes.subList(0, 60), List.of("golden hour", "harbor"), true);
        c.searchStore().changeUserTags(hashes.subList(40, 90), List.of("golden hour"), true);
        c.understanding().saveUnderstanding(List.of(described(hashes.get(7), "a lighthouse at dusk, waves"),
                described(hashes.get(8), "Lighthouse at dusk"), described(hashes.get(9), "a lighthouse at noon")), List.of());
        return hashes;
    }

    private static List<String> found(LexicalIndex index, String phrase) {
        return index.containing(List.of(phrase), 1_000_000).orElseThrow().stream().map(IndexPhrases.Matched::hash).toList();
    }

    /** Every selected asset, walked 7 at a time. */
    private static List<Match> walk(Rows.Selection s, SearchQuery.Sort sort) {
        List<Match> all = new ArrayList<>();
        while (true) {
            List<Match> next = s.after(sort, 7, all.isEmpty() ? null : all.get(all.size() - 1));
            if (next.isEmpty()) {
                return all;
            }
            all.addAll(next);
        }
    }

    private static UnderstandingRow described(String hash, String description) {
        return new UnderstandingRow(hash, "openai", "openai-model", "1", description, "{}", null, null,
                LocalDateTime.of(2026, 5, 1, 0, 0), List.of());
    }

    private static void agree(Catalog c, LexicalIndex index, String as) {
        for (List<String> phrases : PHRASES) {
            SearchQuery.Builder b = SearchQuery.builder();
            phrases.forEach(b::phrase);
            AssetFilter f = b.build().filter();
            assertThat(new HashSet<>(index.containing(f.phrases(), 1_000_000).orElseThrow().stream()
                    .map(IndexPhrases.Matched::hash).toList())).as(as + ": " + phrases)
                    .isEqualTo(new HashSet<>(c.searchReads().hashes(f)));
        }
    }

    /** Phrase queries of every kind a one-shot search runs: pages either way, with filters, ranked, none found. */
    private static List<SearchQuery> queries() {
        return List.of(SearchQuery.builder().phrase("golden hour").limit(20).build(),
                SearchQuery.builder().phrase("golden hour").limit(7).offset(15).build(),
                SearchQuery.builder().phrase("golden hour").source("comfyui").sort(SearchQuery.Sort.OLDEST).limit(10).build(),
                SearchQuery.builder().phrase("hour harbor").exclude("castle").limit(500).build(),
                SearchQuery.builder().phrase("nowhere to be found").limit(10).build(),
                // last: ranking words builds this machine's index (after its filter was decided by the catalog)
                SearchQuery.builder().phrase("golden hour").word("temple").limit(10).build());
    }

    /** Every hit of a phrase as a walk, then each query's hits (hashes in order), total and facets in order. */
    private static List<Object> answers(SearchEngine e, List<SearchQuery> queries) {
        List<Object> out = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        e.each(SearchQuery.builder().phrase("golden hour").build(), h -> walked.add(h.contentHash()));
        out.add(walked);
        for (SearchQuery q : queries) {
            SearchResult r = e.search(q, true, SearchEngine.Mode.LEXICAL);
            out.add(List.of(r.hits().stream().map(SearchHit::contentHash).toList(), r.total(), ordered(r.facets())));
        }
        return out;
    }

    private static Map<String, List<Map.Entry<String, Long>>> ordered(Map<String, Map<String, Long>> facets) {
        Map<String, List<Map.Entry<String, Long>>> out = new LinkedHashMap<>();
        if (facets != null) {
            new java.util.TreeMap<>(facets).forEach((k, v) -> out.put(k, List.copyOf(v.entrySet())));
        }
        return out;
    }
}
