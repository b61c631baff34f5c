package io.alicemultiverse.search;

import java.nio.file.Path;
import java.util.List;

/**
 * Times how long this machine's lexical index takes to find the assets holding a quoted phrase (every document's
 * lower-case text scanned, {@link IndexPhrases}), three times each, with the number found. For docs/benchmarks.md,
 * "Quoted phrases from this machine's lexical index"; not a test.
 */
public final class PhraseScanBench {
    private PhraseScanBench() {
    }

    /** Arguments: the index folder, then phrases (lower case). */
    public static void main(String[] a) {
        try (LexicalIndex ix = LexicalIndex.at(Path.of(a[0]))) {
            for (int i = 1; i < a.length; i++) {
                for (int round = 0; round < 3; round++) {
                    long t0 = System.nanoTime();
                    int n = ix.containing(List.of(a[i]), Integer.MAX_VALUE).map(List::size).orElse(-1);
                    System.out.printf("%s: %d found in %d ms%n", a[i], n, (System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
    }
}
