package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic catalog of {@code n} assets and a small stand-in file at each library path (a sidecar is only
 * written beside a file that exists), for timing {@code alice xmp write}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.MakeXmpLibrary bench-data/xmp 10000
 * </pre>
 */
public final class MakeXmpLibrary {
    private MakeXmpLibrary() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        try (Catalog c = Catalog.open(dir)) {
            SyntheticCatalog.write(c, SyntheticCatalog.generate(n, Math.max(1, n / 16), 42));
            for (String path : c.assetPaths().values()) {
                Path f = dir.resolve(path);
                Files.createDirectories(f.getParent());
                Files.write(f, new byte[]{(byte) 0x89, 'P', 'N', 'G'});
            }
            System.out.println(c.assetCount() + " assets in " + c.file());
        }
    }
}
