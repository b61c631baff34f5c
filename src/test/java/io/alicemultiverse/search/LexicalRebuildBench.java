package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import java.nio.file.Path;
import java.util.Map;

/**
 * Times (and, under /usr/bin/time, sizes) a whole rebuild of the lexical index from a catalog: first the rows alone
 * (the catalog read), then the rebuild; with {@code --rows} then a warm engine's rows (read alone; the peak memory is then that read's). For docs/benchmarks.md, "Facets from this machine's lexical index"; not a test.
 */
public final class LexicalRebuildBench {
    private LexicalRebuildBench() {
    }

    /** Arguments: the library, the catalog URL, an empty folder for the index, and {@code --rows} for the rows. */
    public static void main(String[] a) throws Exception {
        Path lib = Path.of(a[0]);
        try (Catalog c = Catalog.open(lib, CatalogUrl.parse(a[1], Map.of()))) {
            long t0 = System.nanoTime();
            int[] n = {0};
            c.searchIndexSources().lexicalSources(null, s -> n[0]++);
            long t1 = System.nanoTime();
            System.out.printf("read only: %d ms (%d)%n", (t1 - t0) / 1000000, n[0]);
            try (LexicalIndex ix = LexicalIndex.at(Path.of(a[2]))) {
                long t2 = System.nanoTime();
                ix.rebuild(c, c.changeCounter());
                System.out.printf("rebuild: %d ms%n", (System.nanoTime() - t2) / 1000000);
            }
            if (a.length < 4 || !a[3].equals("--rows")) {
                return;
            }
            int[] rows = {0};
            long tr = System.nanoTime();
            c.searchIndexSources().rows(null, r -> rows[0]++); // what a warm engine (serve, mcp) reads at its start
            System.out.printf("warm rows read: %d ms (%d)%n", (System.nanoTime() - tr) / 1000000, rows[0]);
        }
    }
}
