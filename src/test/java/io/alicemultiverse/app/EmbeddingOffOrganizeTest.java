package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.search.SearchHit;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organize ends when files are placed and catalogued, without embedding; an owner embeds the new assets in the
 * background, and then they are found by meaning. (Found by words meanwhile: {@code search.UnembeddedAssetsTest}.)
 */
class EmbeddingOffOrganizeTest {
    @TempDir
    Path tmp;

    private static long vectors(Catalog c) {
        return c.select("SELECT count(*) FROM embeddings", List.of(), rs -> rs.getLong(1)).get(0);
    }

    @Test
    void organizeLeavesEmbeddingToTheOwnersBackgroundAndSearchFindsByWordsMeanwhile() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/retriever.png", TempLibrary.png("golden retriever running along the seashore", "sdxl", 1));
        t.inboxFile("acme/castle.png", TempLibrary.png("a castle on a hill at night, dramatic clouds", "flux1-dev", 2));
        t.inboxFile("acme/ramen.png", TempLibrary.png("steaming bowl of ramen with a soft egg", "flux1-dev", 3));
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            assertThat(library.organize(t.inbox(), false, false, OrganizeListener.NONE).organized()).isEqualTo(3);
            assertThat(vectors(library.catalog())).as("organize embedded nothing").isZero();

            library.embedInBackground();
            for (int i = 0; i < 600 && vectors(library.catalog()) < 3; i++) {
                Thread.sleep(100);
            }
            synchronized (library) {
                assertThat(vectors(library.catalog())).isEqualTo(3);
            }
            // no shared word: found by meaning, from the warm snapshot that the background batch updated
            List<SearchHit> hits = library.searchConcurrently(library.queryParser().parse("dog on the beach").build(), false).hits();
            assertThat(hits.get(0).prompt()).isEqualTo("golden retriever running along the seashore");
        }
    }
}
