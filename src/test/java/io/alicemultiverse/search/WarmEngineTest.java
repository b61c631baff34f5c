package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.UnderstandingRow;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warm engine (filters, pages and facets from rows in memory) answers exactly as a cold one (filters and facets in
 * the catalog), and both read descriptions from understanding as search text.
 */
class WarmEngineTest {
    private static final List<String> QUERIES = List.of("cyberpunk portrait from last year",
            "watercolor owl midjourney", "knight in armor at night comfy", "red fox photos since march",
            "dragon tag:rain", "robot sdxl 2025", "lighthouse project:personal", "owl -watercolor",
            "\"golden hour\" castle", "videos of a cat", "tag:rain comfy since march", "2025-05", "tag:snow tag:rain",
            "images project:book-cover", "", "-rain", "\"neon lights\"", "\"ramen, anime\" -snow",
            "\"teal moody\"", "-glowing comfy", "tag:moody", "lighthouse -dramatic -clouds 2026");

    @TempDir
    Path tmp;

    @Test
    void warmAndColdAgreeOnHitsAndFacets() {
        QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(catalog, SyntheticCatalog.generate(3_000, 300, 7));
            describe(catalog, hashes.subList(0, 40));
            List<List<SearchHit>> before = new ArrayList<>();
            List<Object> beforeFacets = new ArrayList<>();
            List<List<SearchHit>> beforeOldest = new ArrayList<>();
            List<List<SearchHit>> beforeEvery = new ArrayList<>();
            for (String q : QUERIES) {
                before.add(engine.search(parser.parse(q).limit(50).build(), false).hits());
                beforeFacets.add(engine.search(parser.parse(q).limit(5).offset(3).build(), true).facets());
                beforeOldest.add(engine.search(parser.parse(q).sort(SearchQuery.Sort.OLDEST).limit(20).offset(7)
                        .build(), false).hits());
                beforeEvery.add(every(engine, parser.parse(q).offset(2).build()));
            }
            engine.warm();
            for (int i = 0; i < QUERIES.size(); i++) {
                String q = QUERIES.get(i);
                assertThat(engine.search(parser.parse(q).limit(50).build(), false).hits()).as(q)
                        .isEqualTo(before.get(i));
                assertThat(engine.search(parser.parse(q).limit(5).offset(3).build(), true).facets()).as(q)
                        .isEqualTo(beforeFacets.get(i));
                assertThat(engine.search(parser.parse(q).sort(SearchQuery.Sort.OLDEST).limit(20).offset(7).build(),
                        false).hits()).as("oldest first: " + q).isEqualTo(beforeOldest.get(i));
                assertThat(every(engine, parser.parse(q).offset(2).build())).as("every match: " + q)
                        .isEqualTo(beforeEvery.get(i));
            }
            // the walk over every match goes past one chunk, warm as cold
            assertThat(beforeEvery.get(QUERIES.indexOf(""))).hasSize(3_000 - 2);
            assertThat(before.stream().mapToInt(List::size).sum()).isGreaterThan(100);
            assertThat(before.get(QUERIES.indexOf("\"teal moody\""))).hasSize(40);
        }
    }

    @Test
    void descriptionsAreSearchedLexicallySemanticallyAndByPhrase() {
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(catalog, List.of(
                    new SyntheticCatalog.Spec("a", "", "comfyui", null, "p", LocalDateTime.of(2026, 1, 1, 0, 0)),
                    new SyntheticCatalog.Spec("b", "a bowl of ramen", "comfyui", null, "p",
                            LocalDateTime.of(2026, 1, 2, 0, 0))));
            assertThat(engine.search(SearchQuery.builder().word("lighthouse").build(), false).hits()).isEmpty();
            catalog.understanding().saveUnderstanding(List.of(new UnderstandingRow(hashes.get(0), "local", "m", "1",
                    "A white lighthouse on a rocky cliff above stormy waves", "{}", null, null,
                    LocalDateTime.of(2026, 2, 1, 0, 0), List.of())), List.of());
            for (boolean warm : new boolean[]{false, true}) {
                if (warm) {
                    engine.warm();
                }
                assertThat(hits(engine, SearchQuery.builder().word("lighthouses").build(), SearchEngine.Mode.LEXICAL))
                        .as("stemmed, warm=" + warm).containsExactly(hashes.get(0));
                assertThat(hits(engine, SearchQuery.builder().word("beacon by the sea").build(), SearchEngine.Mode.SEMANTIC))
                        .as("semantic, warm=" + warm).first().isEqualTo(hashes.get(0));
                assertThat(hits(engine, SearchQuery.builder().phrase("rocky cliff").build(), SearchEngine.Mode.HYBRID))
                        .as("phrase, warm=" + warm).containsExactly(hashes.get(0));
                assertThat(hits(engine, SearchQuery.builder().exclude("cliff").build(), SearchEngine.Mode.HYBRID))
                        .as("exclusion, warm=" + warm).containsExactly(hashes.get(1));
            }
        }
    }

    @Test
    void warmSnapshotAnswersManyThreadsAndStepsAsideAfterAChange() throws Exception {
        QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(catalog, SyntheticCatalog.generate(2_000, 200, 11));
            assertThat(engine.searchIfWarm(parser.parse("red fox").build(), false)).as("cold").isEmpty();
            engine.warm();
            List<List<SearchHit>> expected = new ArrayList<>();
            for (String q : QUERIES) {
                expected.add(engine.search(parser.parse(q).limit(30).build(), false).hits());
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Boolean>> all = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    all.add(pool.submit(() -> {
                        for (int round = 0; round < 3; round++) {
                            for (int i = 0; i < QUERIES.size(); i++) {
                                var r = engine.searchIfWarm(parser.parse(QUERIES.get(i)).limit(30).build(), false);
                                if (r.isEmpty() || !r.get().hits().equals(expected.get(i))) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (var f : all) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
            long before = catalog.changeCounter();
            catalog.searchStore().changeUserTags(hashes.subList(0, 5), List.of("picked"), true);
            SearchQuery picked = SearchQuery.builder().tag("picked").build();
            assertThat(engine.searchIfWarm(picked, false)).as("stale after a change").isEmpty();
            engine.changed(before, hashes.subList(0, 5), false);
            // a warm engine patches its rows, vectors and index for the changed assets at once
            assertThat(engine.searchIfWarm(picked, false)).get()
                    .satisfies(r -> assertThat(r.hits()).hasSize(5));
            catalog.deleteAssets(hashes.subList(5, 6));
            long afterDelete = catalog.changeCounter();
            engine.changed(afterDelete - 1, hashes.subList(5, 6), false);
            try (SearchEngine cold = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
                for (String q : QUERIES) {
                    SearchQuery query = parser.parse(q).limit(30).build();
                    assertThat(engine.searchIfWarm(query, true).orElseThrow().hits()).as("patched: " + q)
                            .isEqualTo(cold.search(query, true).hits());
                }
                assertThat(engine.searchIfWarm(picked, false).orElseThrow().hits())
                        .isEqualTo(cold.search(picked, false).hits());
            }
        }
    }

    private static List<String> hits(SearchEngine engine, SearchQuery q, SearchEngine.Mode mode) {
        return engine.search(q, false, mode).hits().stream().map(SearchHit::contentHash).toList();
    }

    /** Gives {@code hashes} a description and an understanding tag, as a vision model would. */
    /**
     * A warm engine told of a large batch of new assets (an organize run, too many to embed at once) keeps its vectors
     * and catches them up from the change log at the next search, instead of reading every vector again; the new
     * assets are found by their words meanwhile.
     */
    @Test
    void aLargeChangeIsCaughtUpNotReloaded() {
        QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(catalog, SyntheticCatalog.generate(500, 100, 3));
            Embeddings.fillMissing(catalog, new MiniLmEmbedder());
            engine.warm();
            assertThat(engine.search(parser.parse("dragon").build(), false).hits()).isNotEmpty();
            int loads = VectorIndex.LOADS.get();
            long before = catalog.changeCounter();
            List<SyntheticCatalog.Spec> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(new SyntheticCatalog.Spec("zeppelin-" + i, "a silver zeppelin over the harbour, number " + i,
                        "comfyui", "flux1-dev", "personal", LocalDateTime.of(2026, 3, 1, 12, 0).plusMinutes(i)));
            }
            List<String> added = SyntheticCatalog.write(catalog, batch);
            engine.changed(before, added, false);
            assertThat(engine.search(parser.parse("silver zeppelin").build(), false).hits())
                    .extracting(SearchHit::contentHash).isNotEmpty().allMatch(added::contains);
            assertThat(VectorIndex.LOADS.get()).as("caught up from the change log, not read again").isEqualTo(loads);
        }
    }

    private static List<SearchHit> every(SearchEngine engine, SearchQuery q) {
        List<SearchHit> out = new ArrayList<>();
        engine.each(q, out::add);
        return out;
    }

    private static void describe(Catalog catalog, List<String> hashes) {
        List<UnderstandingRow> rows = new ArrayList<>();
        for (String h : hashes) {
            rows.add(new UnderstandingRow(h, "local", "local-1", "1", "Teal moody light over a glowing harbour",
                    "{\"mood\": [\"moody\"]}", null, null, LocalDateTime.of(2026, 3, 1, 0, 0),
                    List.of(new AssetRecord.Tag("moody", "mood", "understanding", null))));
        }
        catalog.understanding().saveUnderstanding(rows, List.of());
    }

    @Test
    void loadsTheEmbedderAheadOnAnotherThread() throws InterruptedException {
        java.util.concurrent.CountDownLatch loaded = new java.util.concurrent.CountDownLatch(1);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        TextEmbedder counting = new TextEmbedder() {
            @Override
            public String model() {
                return "counting";
            }

            @Override
            public int dimensions() {
                return 2;
            }

            @Override
            public float[] embed(String text) {
                return new float[]{1, 0};
            }

            @Override
            public void load() {
                threads.add(Thread.currentThread().getName());
                loaded.countDown();
            }
        };
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, () -> counting)) {
            engine.loadEmbedderAhead();
            assertThat(loaded.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(threads).containsExactly("embedder-load");
        }
    }
}
