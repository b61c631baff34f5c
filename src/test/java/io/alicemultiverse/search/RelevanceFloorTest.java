package io.alicemultiverse.search;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relevance floor over the shared samples: matches more than {@link SearchEngine#RELEVANCE_GAP} below the best
 * are not shown, nor results found by meaning alone that stand out from generic phrases less than
 * {@link SearchEngine#GENERIC_SHARE} of the best ("a circle" for "photo of a duck"); quoted phrases are matches by
 * themselves.
 */
class RelevanceFloorTest {
    @TempDir
    Path tmp;

    @Test
    void matchesFarBelowANearExactBestAreNotShownButPhrasesAre() throws Exception {
        Path inbox = tmp.resolve("inbox");
        try (var files = Files.walk(Samples.dir())) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/bad/")).toList()) {
                Path to = inbox.resolve(Samples.dir().relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        Path lib = tmp.resolve("library");
        try (LibraryService library = LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.organize(inbox, false, false, OrganizeListener.NONE);
            List<String> ducks = library.search(library.queryParser().parse("photo of a duck").build(), false)
                    .hits().stream().map(SearchHit::prompt).toList();
            System.out.println("photo of a duck: " + ducks);
            assertThat(ducks.subList(0, 2)).containsOnly("photo of a duck");
            // found by meaning alone and no nearer the query than generic phrases are to any: not shown
            assertThat(ducks).doesNotContain("a circle");
            // the cut is relative to the best: a query the circle answers best still finds it
            assertThat(library.search(library.queryParser().parse("geometric shape").build(), false).hits())
                    .first().extracting(SearchHit::prompt).isEqualTo("a circle");
            // a phrase is a match by itself: every asset that has it, however it ranks
            List<String> circle = library.search(library.queryParser().parse("duck \"a circle\"").build(), false)
                    .hits().stream().map(SearchHit::prompt).toList();
            assertThat(circle).containsExactly("a circle");
        }
        String exact = "photograph of victorian woman with wings, sky clouds, meadow grass";
        try (Catalog c = Catalog.open(lib); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            SearchQuery q = SearchQuery.builder().word(exact).build();
            List<SearchHit> shown = e.search(q, false).hits();
            e.relevanceGap = Double.MAX_VALUE;
            List<SearchHit> unfloored = e.search(q, false).hits();
            double best = unfloored.get(0).score();
            unfloored.forEach(h -> System.out.printf("floor-probe %.3f (%.3f below the best) %s%n", h.score(),
                    best - h.score(), h.prompt()));
            assertThat(shown.get(0).prompt()).isEqualTo(exact);
            assertThat(shown).allSatisfy(h -> assertThat(best - h.score()).isLessThanOrEqualTo(SearchEngine.RELEVANCE_GAP));
            assertThat(unfloored.size()).as("the floor cut the vague neighbours").isGreaterThan(shown.size());
        }
    }
}
