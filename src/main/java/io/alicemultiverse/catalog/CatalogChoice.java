package io.alicemultiverse.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which catalog a library uses. A library moved to PostgreSQL records the URL (never a password) in
 * {@code <library>/.alice/catalog.url}, so every process on every machine that mounts the library opens that same
 * catalog even without {@code --catalog}: no machine starts a DuckDB catalog of its own beside the shared one (a split
 * library). A URL asked for explicitly must match the recorded one; a library with a DuckDB catalog is not switched
 * silently (that is {@code alice catalog copy}'s job).
 */
final class CatalogChoice {
    static final String POINTER = "catalog.url";

    private CatalogChoice() {
    }

    /** The catalog to open for {@code library} when {@code asked} was requested (DuckDB when nothing was). */
    static CatalogUrl resolve(Path library, CatalogUrl asked, Map<String, String> env) {
        Path pointer = library.resolve(".alice").resolve(POINTER);
        CatalogUrl recorded = null;
        if (Files.isRegularFile(pointer)) {
            try {
                recorded = CatalogUrl.parse(Files.readString(pointer, StandardCharsets.UTF_8).strip(), env);
            } catch (IOException | IllegalArgumentException e) {
                throw new CatalogException("cannot read " + pointer + ": " + e.getMessage(), e);
            }
        }
        if (!asked.isPostgres()) {
            return recorded != null ? recorded : asked;
        }
        if (recorded != null && !recorded.sameDatabase(asked)) {
            throw new CatalogException("the library " + library + " uses the catalog " + recorded + " (recorded in "
                    + pointer + "), not " + asked);
        }
        if (recorded == null && Files.exists(library.resolve(".alice").resolve("catalog.duckdb"))) {
            throw new CatalogException("the library " + library + " has a DuckDB catalog; to share it, copy it with "
                    + "'alice catalog copy --to " + asked + "' instead of opening an empty one beside it");
        }
        return asked;
    }

    /** Whether {@code library} has recorded the shared catalog it uses. */
    static boolean recorded(Path library) {
        return Files.isRegularFile(library.resolve(".alice").resolve(POINTER));
    }

    /** Records {@code url} in the library, so other processes and machines follow it. */
    static void record(Path library, CatalogUrl url) throws IOException {
        Path dir = PrivateFiles.dir(library);
        Path pointer = dir.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            PrivateFiles.write(pointer, (url + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
