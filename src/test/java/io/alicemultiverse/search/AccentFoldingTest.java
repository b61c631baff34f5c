package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accents fold both ways: "cafe", quoted or not, finds "café", and "café" still finds it (and "cafe"); an excluded
 * word folds too. On both backends, from the catalog's SQL (no index yet), from this machine's lexical index, and
 * warm. A lexical index written by an alice before folding is rebuilt, not read with the old terms.
 */
class AccentFoldingTest {
    private static final String CAFE_ACCENT = "a cozy café in Paris at night";
    private static final String CAFE_PLAIN = "a small cafe on a rainy corner";
    private static final String OIL = "Ölgemälde of a mountain lake";
    private static final String LIGHTHOUSE = "a lighthouse on a cliff";

    @TempDir
    Path tmp;

    private final QueryParser parser = new QueryParser(Clock.systemUTC());

    @Test
    void accentsFoldInPhrasesWordsAndExclusionsColdIndexedAndWarmOnBothBackends() {
        for (boolean postgres : new boolean[]{false, true}) {
            Path lib = tmp.resolve(postgres ? "pg" : "duck");
            try (Catalog c = TestPostgres.openCatalog(lib, postgres);
                 SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
                write(c);
                String where = "postgres=" + postgres;
                // the catalog answers a phrase while this machine has no index
                assertThat(prompts(e, "\"cafe\"")).as(where + ", catalog").containsExactlyInAnyOrder(CAFE_ACCENT, CAFE_PLAIN);
                assertThat(prompts(e, "-cafe")).as(where + ", catalog").containsExactlyInAnyOrder(OIL, LIGHTHOUSE);
                e.search(parser.parse("lighthouse").build(), false); // builds the index
                check(e, where + ", index");
                e.warm();
                check(e, where + ", warm");
            }
        }
    }

    /**
     * Letters that stand for two ("ß" is "ss", "æ" is "ae", "œ" is "oe", "þ" is "th", "ﬁ" is "fi") fold in a quoted
     * phrase and an exclusion as they do in an unquoted word: {@code "strasse"} found no "Straße" while {@code strasse}
     * did (SQL's {@code translate} maps one character to one).
     */
    @Test
    void lettersThatStandForTwoFoldInPhrasesAsInWordsOnBothBackends() {
        String strasse = "a quiet Straße in Berlin at dawn";
        String plain = "the STRASSE sign on a wall";
        String aeon = "Æon flux portrait, œuvre of Þór";
        String other = "a lighthouse on a cliff";
        String istanbul = "İstanbul skyline, Łódź street";
        for (boolean postgres : new boolean[]{false, true}) {
            Path lib = tmp.resolve(postgres ? "pg2" : "duck2");
            try (Catalog c = TestPostgres.openCatalog(lib, postgres);
                 SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
                LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
                List<SyntheticCatalog.Spec> specs = new java.util.ArrayList<>();
                int i = 0;
                for (String p : List.of(strasse, plain, aeon, other, istanbul)) {
                    specs.add(new SyntheticCatalog.Spec("joined-" + i, p, "automatic1111", "m", "p", t.plusHours(i++)));
                }
                SyntheticCatalog.write(c, specs);
                for (String where : List.of("catalog", "index", "warm")) {
                    if (where.equals("index")) {
                        e.search(parser.parse("lighthouse").build(), false);
                    } else if (where.equals("warm")) {
                        e.warm();
                    }
                    String as = "postgres=" + postgres + ", " + where;
                    for (String q : List.of("\"strasse\"", "\"straße\"", "\"STRAẞE\"")) {
                        assertThat(prompts(e, q)).as(as + " " + q).containsExactlyInAnyOrder(strasse, plain);
                    }
                    for (String q : List.of("strasse", "straße")) { // words: a neighbour in meaning may follow
                        assertThat(prompts(e, q).subList(0, 2)).as(as + " " + q)
                                .containsExactlyInAnyOrder(strasse, plain);
                    }
                    assertThat(prompts(e, "\"aeon flux\"")).as(as).containsExactly(aeon);
                    assertThat(prompts(e, "\"oeuvre of thor\"")).as(as).containsExactly(aeon);
                    assertThat(prompts(e, "-strasse -aeon -lodz")).as(as).containsExactly(other);
                    // Java's lower case of "İ" is "i" and a combining dot, which the index's words do not keep
                    for (String q : List.of("\"istanbul skyline\"", "\"İSTANBUL\"", "istanbul")) {
                        assertThat(prompts(e, q)).as(as + " " + q).contains(istanbul);
                    }
                    assertThat(prompts(e, "-istanbul -strasse -aeon")).as(as).containsExactly(other);
                }
            }
        }
    }

    @Test
    void anIndexWrittenBeforeFoldingIsRebuilt() throws Exception {
        Path lib = tmp.resolve("old");
        try (Catalog c = Catalog.open(lib); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            write(c);
            e.search(parser.parse("lighthouse").build(), false);
        }
        // what an alice of the previous format left: its commit says format 5
        try (IndexWriter w = new IndexWriter(FSDirectory.open(lib.resolve(".alice/search/lexical")),
                new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            Map<String, String> data = new java.util.HashMap<>();
            w.getLiveCommitData().forEach(en -> data.put(en.getKey(), en.getValue()));
            data.put("format", "5");
            w.setLiveCommitData(data.entrySet());
            w.commit();
        }
        int before = LexicalIndex.REBUILDS.get();
        try (Catalog c = Catalog.open(lib); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            assertThat(e.search(parser.parse("cafe").build(), false, SearchEngine.Mode.LEXICAL).hits())
                    .extracting(SearchHit::prompt).containsExactlyInAnyOrder(CAFE_ACCENT, CAFE_PLAIN);
        }
        assertThat(LexicalIndex.REBUILDS.get()).as("the old index was rebuilt").isEqualTo(before + 1);
    }

    private void check(SearchEngine e, String where) {
        for (String q : List.of("\"cafe\"", "\"café\"", "\"CAFÉ\"")) {
            assertThat(prompts(e, q)).as(where + " " + q).containsExactlyInAnyOrder(CAFE_ACCENT, CAFE_PLAIN);
        }
        assertThat(prompts(e, "\"olgemalde of\"")).as(where).containsExactly(OIL);
        assertThat(prompts(e, "\"ölgemälde\"")).as(where).containsExactly(OIL);
        assertThat(prompts(e, "-café")).as(where).containsExactlyInAnyOrder(OIL, LIGHTHOUSE);
        for (String q : List.of("cafe", "café")) {
            assertThat(e.search(parser.parse(q).build(), false, SearchEngine.Mode.LEXICAL).hits())
                    .as(where + " words " + q).extracting(SearchHit::prompt)
                    .containsExactlyInAnyOrder(CAFE_ACCENT, CAFE_PLAIN);
        }
        assertThat(e.search(parser.parse("olgemalde").build(), false, SearchEngine.Mode.LEXICAL).hits())
                .as(where).extracting(SearchHit::prompt).containsExactly(OIL);
    }

    private List<String> prompts(SearchEngine e, String q) {
        return e.search(parser.parse(q).build(), false).hits().stream().map(SearchHit::prompt).toList();
    }

    private static void write(Catalog c) {
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        int i = 0;
        List<SyntheticCatalog.Spec> specs = new java.util.ArrayList<>();
        for (String p : List.of(CAFE_ACCENT, CAFE_PLAIN, OIL, LIGHTHOUSE)) {
            specs.add(new SyntheticCatalog.Spec("accent-" + i, p, "automatic1111", "m", "p", t.plusHours(i++)));
        }
        SyntheticCatalog.write(c, specs);
    }
}
