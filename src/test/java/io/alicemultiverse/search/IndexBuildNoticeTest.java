package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine says how many assets there are before it builds the lexical index whole (the CLI prints it for large
 * catalogs), and only then: not for searches without words, not once the index exists, not for a catch-up.
 */
class IndexBuildNoticeTest {
    @TempDir
    Path tmp;

    @Test
    void toldOnceBeforeTheIndexIsBuiltWholeNotForACatchUp() {
        QueryParser parser = new QueryParser(Clock.systemUTC());
        Path lib = tmp.resolve("lib");
        List<Long> told = new ArrayList<>();
        try (Catalog c = Catalog.open(lib)) {
            List<String> hashes = SyntheticCatalog.write(c, SyntheticCatalog.generate(120, 30, 5));
            try (SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
                e.onIndexBuild(told::add);
                e.search(parser.parse("tag:owl").build(), false);
                assertThat(told).as("no words: no index").isEmpty();
                e.search(parser.parse("lighthouse").build(), false, SearchEngine.Mode.LEXICAL);
                assertThat(told).containsExactly(120L);
                e.search(parser.parse("castle").build(), false, SearchEngine.Mode.LEXICAL);
                assertThat(told).hasSize(1);
                c.searchStore().changeUserTags(hashes.subList(0, 2), List.of("pick"), true);
                assertThat(e.search(parser.parse("pick").build(), false, SearchEngine.Mode.LEXICAL).hits())
                        .hasSize(2);
                assertThat(told).as("caught up, not rebuilt").hasSize(1);
            }
            try (SearchEngine again = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
                again.onIndexBuild(told::add);
                again.search(parser.parse("lighthouse").build(), false, SearchEngine.Mode.LEXICAL);
                assertThat(told).as("the index is on disk").hasSize(1);
            }
        }
    }
}
