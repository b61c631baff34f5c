package io.alicemultiverse.export;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.OpenData;
import io.alicemultiverse.media.AtomicReplace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Writes the catalog rows (every asset, or the ones a search selected) to an open-data file. The file is written
 * under a temporary name and renamed into place, so {@code -o} names either the old file or the complete new one.
 * Stateless; the catalog it is given must not be used by another thread meanwhile.
 */
public final class CatalogExport {
    /** What an export wrote. */
    public record Result(Path file, OpenData.Format format, long rows, long bytes, double seconds) {
    }

    private CatalogExport() {
    }

    /**
     * Writes the rows of {@code hashes} (every asset when null) to {@code out} in {@code format}.
     *
     * @throws IllegalArgumentException when {@code out} is a folder
     */
    public static Result write(Catalog catalog, Path out, OpenData.Format format, Collection<String> hashes)
            throws IOException {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a folder; give a file name with -o");
        }
        long start = System.nanoTime();
        long[] rows = {0};
        AtomicReplace.write(out, tmp -> rows[0] = catalog.openData().write(tmp, format, hashes));
        return new Result(out.toAbsolutePath(), format, rows[0], Files.size(out), (System.nanoTime() - start) / 1e9);
    }
}
