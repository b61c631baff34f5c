package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;

import java.nio.file.Path;

/**
 * Writes a catalog of generated assets (no files) for timing {@code alice search} from the shell:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.MakeSearchLibrary bench-data/search 50000
 * hyperfine -w 2 -r 10 './alice search --tag "golden hour" --library bench-data/search'
 * </pre>
 */
public final class MakeSearchLibrary {
    private MakeSearchLibrary() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        try (Catalog c = Catalog.open(dir)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generate(n, Math.max(1, n / 16), 42));
            System.out.println(c.assetCount() + " assets in " + c.file());
        }
    }
}
