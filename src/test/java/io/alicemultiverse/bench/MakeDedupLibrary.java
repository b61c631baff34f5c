package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes a catalog (no files) of 100,000 image assets whose pHashes are the {@link SimilarBenchmark} corpus, for
 * timing a whole {@code alice dedup} (JVM start, catalog read, grouping, output) from the shell:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.MakeDedupLibrary bench-data/dedup
 * hyperfine -w 1 -r 5 'java -XX:+UseParallelGC -cp target/classes:$(cat target/cp.txt) io.alicemultiverse.cli.Main dedup --json --library bench-data/dedup'
 * </pre>
 */
public final class MakeDedupLibrary {
    private MakeDedupLibrary() {
    }

    public static void main(String[] args) {
        long[] phashes = SimilarBenchmark.corpus(42);
        boolean zoom = args.length < 2 || !args[1].equals("--no-zoom"); // --no-zoom: a catalog from before migration 6
        java.util.Random r = new java.util.Random(7);
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        try (Catalog c = Catalog.open(Path.of(args[0]))) {
            CatalogBatch batch = new CatalogBatch();
            for (int i = 0; i < phashes.length; i++) {
                String hash = String.format("%064x", i);
                batch.add(new AssetRecord(hash, "2026-01-01/bench/unknown/bench-" + String.format("%06d", i) + ".png",
                        null, "image", "png", 512, 512, null, 1000, 0, "unknown", null, "bench", t.plusSeconds(i), t,
                        null, null, null, List.of(), "{}", "{}", "bench", List.of(), phashes[i] ^ 0x5555L,
                        phashes[i], zoom ? SimilarBenchmark.zoomOf(phashes[i], r) : null));
                if (i % 10_000 == 9_999) {
                    c.commit(batch);
                    batch = new CatalogBatch();
                }
            }
            c.commit(batch);
            System.out.println(c.assetCount() + " assets in " + c.file());
        }
    }
}
