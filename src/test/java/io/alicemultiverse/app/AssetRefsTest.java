package io.alicemultiverse.app;

import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AssetRefs}: the one rule by which every surface names an asset. */
class AssetRefsTest {
    @TempDir
    Path dir;
    private LibraryService library;
    private final List<String> hashes = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    @BeforeEach
    void organizeTwo() throws Exception {
        TempLibrary t = new TempLibrary(dir);
        t.inboxFile("a.png", TempLibrary.png("a lighthouse", "sdxl", 1));
        t.inboxFile("b.png", TempLibrary.png("a bowl of ramen", "sdxl", 2));
        library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        library.organize(t.inbox(), false, false, OrganizeListener.NONE);
        for (Map.Entry<String, String> e : library.catalog().assetPaths().entrySet()) {
            hashes.add(e.getKey());
            paths.add(e.getValue());
        }
        assertThat(hashes).hasSize(2);
    }

    @AfterEach
    void close() {
        library.close();
    }

    @Test
    void resolvesWholeHashesInAnyCase() {
        AssetRefs refs = library.refs();
        assertThat(refs.resolve(hashes.get(0))).isEqualTo(hashes.get(0));
        assertThat(refs.resolve(hashes.get(0).toUpperCase(Locale.ROOT))).isEqualTo(hashes.get(0));
    }

    @Test
    void resolvesPrefixesOfEightDigitsOrMoreButNotShorter() {
        AssetRefs refs = library.refs();
        assertThat(refs.resolve(hashes.get(1).substring(0, 8))).isEqualTo(hashes.get(1));
        assertThat(refs.find(hashes.get(1).substring(0, 7))).isEmpty();
    }

    @Test
    void resolvesLibraryPathsRelativeAndAbsolute() {
        AssetRefs refs = library.refs();
        String rel = paths.get(0);
        assertThat(refs.resolve(rel)).isEqualTo(hashes.get(0));
        assertThat(refs.resolve(library.root().resolve(rel).toString())).isEqualTo(hashes.get(0));
    }

    @Test
    void anAmbiguousPrefixIsRefusedNamingTheCandidates() throws Exception {
        io.alicemultiverse.catalog.CatalogBatch batch = new io.alicemultiverse.catalog.CatalogBatch();
        for (String suffix : List.of("1", "2")) { // two hashes that share their first 8 digits (and a 9th)
            batch.add(new io.alicemultiverse.catalog.AssetRecord("abcdef12" + suffix + "0".repeat(55),
                    "x/twin-" + suffix + ".png", null, "image", "png", 8, 8, null, 10, 0, "unknown", null, "p", null,
                    null, null, null, null, List.of(), "{}", "{}", "r1", List.of(), null, null));
        }
        library.catalog().commit(batch);
        assertThatThrownBy(() -> library.refs().resolve("ABCDEF12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ABCDEF12' is the start of several assets' hashes")
                .hasMessageContaining("abcdef1210000000… x/twin-1.png")
                .hasMessageContaining("abcdef1220000000… x/twin-2.png")
                .hasMessageContaining("give more digits");
        assertThat(library.refs().resolve("abcdef122")).startsWith("abcdef122");
    }

    @Test
    void namesTheReferenceWhenNothingMatches() {
        assertThatThrownBy(() -> library.refs().resolve("no/such/file.png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no/such/file.png'")
                .hasMessageContaining("at least 8 hex digits");
        assertThatThrownBy(() -> library.refs().resolve("00000000")).hasMessageContaining("'00000000'");
    }
}
