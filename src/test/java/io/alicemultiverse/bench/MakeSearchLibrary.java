package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.testsupport.SyntheticCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a catalog of generated assets (no files) for timing {@code alice search} from the shell, into the library's
 * own DuckDB catalog or, with a third argument, a PostgreSQL one (which the library then records):
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.MakeSearchLibrary bench-data/search 50000
 * java -cp … io.alicemultiverse.bench.MakeSearchLibrary LIB 1000000 postgresql://alice@127.0.0.1:5432/bench
 * hyperfine -w 2 -r 10 './alice search --tag "golden hour" --library bench-data/search'
 * </pre>
 * With a PostgreSQL URL every asset gets a prompt of its own (as in a real inbox), written 50,000 at a time.
 */
public final class MakeSearchLibrary {
    private MakeSearchLibrary() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        CatalogUrl url = args.length > 2 ? CatalogUrl.parse(args[2], System.getenv()) : CatalogUrl.duckdb();
        long started = System.nanoTime();
        try (Catalog c = Catalog.open(dir, url)) {
            if (!url.isPostgres()) {
                SyntheticCatalog.write(c, SyntheticCatalog.generate(n, Math.max(1, n / 16), 42));
            } else {
                int part = 50_000;
                for (int from = 0; from < n; from += part) {
                    List<SyntheticCatalog.Spec> specs = SyntheticCatalog.generateDistinct(from, Math.min(part, n - from), 42);
                    SyntheticCatalog.write(c, specs);
                    System.out.printf("%,d assets written, %.0f s%n", from + specs.size(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
            System.out.println(c.assetCount() + " assets in " + c.location());
        }
    }
}
