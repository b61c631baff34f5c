package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the real embedding model, over a small library of everyday prompts: a query of made-up words that neither the
 * library nor the dictionary holds finds nothing (the model used to put some prompt nearest: "xyzzy" gave the kitten
 * sticker at cosine 0.34, above what "feline" gives it), while a query sharing no word with the prompts still finds
 * them by meaning, also with a word the dictionary lacks ("selfie"); and a query in a script the model cannot read (Japanese, an emoji) ranks the prompts holding those
 * very characters first, and no longer its unrelated neighbours in meaning.
 */
class WordlessQueryTest {
    static final List<String> PROMPTS = List.of(
            "a cozy café in Paris at night, warm lights", "a small cafe on a rainy street corner",
            "Ölgemälde of a mountain lake", "a tabby cat sleeping on a windowsill",
            "portrait of a ginger cat with green eyes", "桜の木の下で, cherry blossom tree, japanese garden",
            "東京の夜景, neon city at night", "a red sports car on a highway", "a bowl of ramen noodles, food photography",
            "🐱 cute kitten emoji style sticker", "a lighthouse on a cliff during a storm", "photo of a duck in a pond",
            "a woman taking a picture of herself with her phone");

    @TempDir
    static Path tmp;
    static Catalog catalog;
    static SearchEngine engine;
    final QueryParser parser = new QueryParser(Clock.systemUTC());

    @BeforeAll
    static void library() {
        Path lib = tmp.resolve("lib");
        catalog = Catalog.open(lib);
        List<SyntheticCatalog.Spec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < PROMPTS.size(); i++) {
            specs.add(new SyntheticCatalog.Spec("wordless-" + i, PROMPTS.get(i), "automatic1111", "m", "p",
                    LocalDateTime.of(2026, 1, 1, i, 0)));
        }
        SyntheticCatalog.write(catalog, specs);
        engine = new SearchEngine(catalog, lib, MiniLmEmbedder::new);
    }

    @AfterAll
    static void close() {
        engine.close();
        catalog.close();
    }

    private List<String> prompts(String q) {
        return engine.search(parser.parse(q).build(), false).hits().stream().map(SearchHit::prompt).toList();
    }

    @Test
    void madeUpWordsFindNothing() {
        for (String q : List.of("zxqvbnm", "xyzzy", "blorptastic", "the flurbex")) {
            assertThat(prompts(q)).as(q).isEmpty();
        }
    }

    @Test
    void wordsOfMeaningStillFindPromptsThatShareNoWordWithThem() {
        assertThat(prompts("feline").subList(0, 2)).containsExactlyInAnyOrder(PROMPTS.get(3), PROMPTS.get(4));
        assertThat(prompts("automobile")).first().isEqualTo(PROMPTS.get(7));
        assertThat(prompts("coffee shop")).first().isEqualTo(PROMPTS.get(0));
        // a real word the dictionary lacks, near enough in meaning
        assertThat(prompts("selfie")).containsExactly(PROMPTS.get(12));
        // a made-up word beside a real one: the real one still means something
        assertThat(prompts("feline zxqvbnm")).isNotEmpty();
        // quoted, nothing holds it either
        assertThat(prompts("\"xyzzy\"")).isEmpty();
    }

    @Test
    void wordsInAScriptTheModelCannotReadRankTheirMatchesFirst() {
        assertThat(prompts("桜")).first().isEqualTo(PROMPTS.get(5));
        assertThat(prompts("桜の木")).containsExactly(PROMPTS.get(5)); // not 東京の夜景 for its particle の
        assertThat(prompts("東京")).first().isEqualTo(PROMPTS.get(6));
        assertThat(prompts("夜景")).first().isEqualTo(PROMPTS.get(6));
        assertThat(prompts("🐱")).first().isEqualTo(PROMPTS.get(9));
        assertThat(prompts("cherry 桜")).first().isEqualTo(PROMPTS.get(5));
    }
}
