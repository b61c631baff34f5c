package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.catalog.UnderstandingRow;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search answers the same on a shared PostgreSQL catalog as on DuckDB (the same rows, ranks and facets, cold and
 * warm), and a tag written by one process is found by another process's warm engine at its next query (issue 19).
 */
class SearchBackendsTest {
    private static final List<String> QUERIES = List.of("cyberpunk portrait from last year",
            "watercolor owl midjourney", "knight in armor at night comfy", "red fox photos since march",
            "dragon tag:rain", "robot sdxl 2025", "lighthouse project:personal", "owl -watercolor",
            "\"golden hour\" castle", "videos of a cat", "tag:rain comfy since march", "2025-05", "tag:snow tag:rain",
            "images project:book-cover", "", "-rain", "\"neon lights\"", "\"ramen, anime\" -snow",
            "\"teal moody\"", "-glowing comfy", "tag:moody", "lighthouse -dramatic -clouds 2026");

    @TempDir
    Path tmp;

    @Test
    void postgresAndDuckDbAgreeOnHitsAndFacets() {
        QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        Path duckLib = tmp.resolve("duck");
        Path pgLib = tmp.resolve("pg");
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog duck = Catalog.open(duckLib); Catalog pg = Catalog.open(pgLib, url);
             SearchEngine onDuck = new SearchEngine(duck, duckLib, MiniLmEmbedder::new);
             SearchEngine onPg = new SearchEngine(pg, pgLib, MiniLmEmbedder::new)) {
            for (Catalog c : List.of(duck, pg)) {
                List<String> hashes = SyntheticCatalog.write(c, SyntheticCatalog.generate(1_500, 200, 7));
                describe(c, hashes.subList(0, 30));
            }
            // every asset embedded on both (a one-shot search embeds only what its time budget allows)
            onDuck.rebuild(true);
            onPg.rebuild(true);
            int hits = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (String q : QUERIES) {
                    List<SearchHit> expected = onDuck.search(parser.parse(q).limit(50).build(), false).hits();
                    assertThat(onPg.search(parser.parse(q).limit(50).build(), false).hits()).as(q).isEqualTo(expected);
                    assertThat(onPg.search(parser.parse(q).limit(5).offset(3).build(), true).facets()).as(q)
                            .isEqualTo(onDuck.search(parser.parse(q).limit(5).offset(3).build(), true).facets());
                    hits += expected.size();
                }
                onDuck.warm(); // the second pass: warm (rows in memory) against warm
                onPg.warm();
            }
            assertThat(hits).isGreaterThan(200);
        }
    }

    @Test
    void aTagWrittenByAnotherProcessIsFoundAtTheNextQuery() {
        QueryParser parser = new QueryParser(Clock.systemUTC());
        Path lib = tmp.resolve("lib");
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog reader = Catalog.open(lib, url); Catalog writer = Catalog.open(lib, url);
             SearchEngine engine = new SearchEngine(reader, lib, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(writer, SyntheticCatalog.generate(200, 50, 3));
            engine.warm();
            assertThat(engine.search(parser.parse("tag:studio-pick").build(), false).hits()).isEmpty();
            writer.searchStore().changeUserTags(hashes.subList(0, 3), List.of("studio-pick"), true);
            assertThat(engine.search(parser.parse("tag:studio-pick").build(), false).hits())
                    .extracting(SearchHit::contentHash).containsExactlyInAnyOrderElementsOf(hashes.subList(0, 3));
            writer.deleteAssets(hashes.subList(0, 1));
            assertThat(engine.search(parser.parse("tag:studio-pick").build(), false).hits()).hasSize(2);
        }
    }

    @Test
    void anotherProcesssChangesAreCaughtUpFromTheChangeLogNotRebuilt() {
        QueryParser parser = new QueryParser(Clock.systemUTC());
        Path lib = tmp.resolve("lib");
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog reader = Catalog.open(lib, url); Catalog writer = Catalog.open(lib, url);
             SearchEngine engine = new SearchEngine(reader, lib, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(writer, SyntheticCatalog.generate(300, 60, 5));
            engine.warm();
            int rebuilds = LexicalIndex.REBUILDS.get();
            int loads = RowCache.LOADS.get();
            // another machine: a tag, a description, a new asset with a word no prompt had, a removal
            writer.searchStore().changeUserTags(hashes.subList(0, 2), List.of("studio-pick"), true);
            describe(writer, hashes.subList(2, 4));
            List<String> added = SyntheticCatalog.write(writer, List.of(new SyntheticCatalog.Spec("zanzibar-1",
                    "a zanzibar lighthouse at dusk", "comfyui", "flux1-dev", "personal",
                    LocalDateTime.of(2026, 2, 1, 12, 0))));
            writer.deleteAssets(hashes.subList(4, 5));

            assertThat(engine.search(parser.parse("tag:studio-pick").build(), false).hits())
                    .extracting(SearchHit::contentHash).containsExactlyInAnyOrderElementsOf(hashes.subList(0, 2));
            assertThat(engine.search(parser.parse("\"zanzibar\"").build(), false).hits())
                    .extracting(SearchHit::contentHash).containsExactlyElementsOf(added);
            assertThat(engine.search(parser.parse("\"harbour\"").build(), false).hits())
                    .extracting(SearchHit::contentHash).containsExactlyInAnyOrderElementsOf(hashes.subList(2, 4));
            assertThat(engine.search(parser.parse("").limit(1000).build(), false).total()).isEqualTo(300);
            assertThat(LexicalIndex.REBUILDS.get()).as("the words index caught up, not rebuilt").isEqualTo(rebuilds);
            assertThat(RowCache.LOADS.get()).as("the rows caught up, not reloaded").isEqualTo(loads);

            // a change of everything (a rebuild elsewhere) cannot be caught up: rebuilt
            writer.clearDerived();
            assertThat(engine.search(parser.parse("zanzibar lighthouse").build(), false).total()).isZero();
            assertThat(LexicalIndex.REBUILDS.get()).isGreaterThan(rebuilds);
            assertThat(RowCache.LOADS.get()).isGreaterThan(loads);
        }
    }

    @Test
    void aOneShotSearchOfASharedCatalogReadsItsVectorsFromThisMachinesCacheAndWhatIsNewFromTheCatalog()
            throws Exception {
        QueryParser parser = new QueryParser(Clock.systemUTC());
        Path lib = tmp.resolve("lib");
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        MiniLmEmbedder model = new MiniLmEmbedder();
        String query = "a lighthouse in a storm";
        try (Catalog writer = Catalog.open(lib, url)) {
            SyntheticCatalog.write(writer, SyntheticCatalog.generate(300, 60, 5));
            Embeddings.fillMissing(writer, model);
        }
        List<SearchHit> first;
        int loads = VectorIndex.LOADS.get();
        Path file;
        try (Catalog c = Catalog.open(lib, url); SearchEngine cold = new SearchEngine(c, lib, () -> model)) {
            first = cold.search(parser.parse(query).build(), false).hits();
            file = VectorCache.file(IndexFolder.lexical(c, lib, System.getenv()), model.model());
        }
        assertThat(VectorIndex.LOADS.get()).as("the first one-shot reads every vector").isEqualTo(loads + 1);
        assertThat(file).isRegularFile();
        assertThat(first).isNotEmpty();

        try (Catalog c = Catalog.open(lib, url); SearchEngine cold = new SearchEngine(c, lib, () -> model)) {
            assertThat(cold.search(parser.parse(query).build(), false).hits()).isEqualTo(first);
        }
        assertThat(VectorIndex.LOADS.get()).as("the next from this machine's cache").isEqualTo(loads + 1);

        // another machine adds an asset and embeds it
        List<String> added;
        try (Catalog writer = Catalog.open(lib, url)) {
            added = SyntheticCatalog.write(writer, List.of(new SyntheticCatalog.Spec("storm-1",
                    "a lighthouse in a storm, waves crashing, dramatic", "comfyui", "flux1-dev", "personal",
                    LocalDateTime.of(2026, 2, 1, 12, 0))));
            Embeddings.fillMissing(writer, model);
        }
        List<SearchHit> caughtUp;
        byte[] written = java.nio.file.Files.readAllBytes(file);
        try (Catalog c = Catalog.open(lib, url); SearchEngine cold = new SearchEngine(c, lib, () -> model)) {
            caughtUp = cold.search(parser.parse(query).build(), false).hits();
        }
        assertThat(VectorIndex.LOADS.get()).as("caught up, not read again").isEqualTo(loads + 1);
        assertThat(caughtUp.get(0).contentHash()).isEqualTo(added.get(0));
        assertThat(java.nio.file.Files.readAllBytes(file)).as("one new asset does not rewrite the whole cache")
                .isEqualTo(written);
        try (Catalog c = Catalog.open(lib, url); SearchEngine cold = new SearchEngine(c, lib, () -> model)) {
            assertThat(cold.search(parser.parse(query).build(), false).hits()).as("caught up again")
                    .isEqualTo(caughtUp);
        }
        assertThat(VectorIndex.LOADS.get()).isEqualTo(loads + 1);

        // a damaged cache is never trusted: read whole again, the same answer
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        java.nio.file.Files.write(file, bytes);
        try (Catalog c = Catalog.open(lib, url); SearchEngine cold = new SearchEngine(c, lib, () -> model)) {
            assertThat(cold.search(parser.parse(query).build(), false).hits()).isEqualTo(caughtUp);
        }
        assertThat(VectorIndex.LOADS.get()).as("a damaged cache is read from the catalog").isEqualTo(loads + 2);
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
}
