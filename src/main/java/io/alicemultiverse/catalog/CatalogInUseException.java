package io.alicemultiverse.catalog;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB catalog that another process has open (DuckDB lets one process at a time open the file): thrown at once,
 * never waited for here; whoever opens the library decides whether to wait. Names the holding process when DuckDB
 * says which it is. Immutable.
 */
public final class CatalogInUseException extends CatalogException {
    /** DuckDB's own words: "Conflicting lock is held in /usr/bin/java (PID 1234)". */
    private static final Pattern HOLDER = Pattern.compile("\\(PID (\\d+)\\)");

    private final transient Path file;
    private final long holder;

    CatalogInUseException(Path file, String duckDbMessage, Throwable cause) {
        super("the catalog " + file + " is in use by another process", cause);
        this.file = file;
        Matcher m = HOLDER.matcher(String.valueOf(duckDbMessage));
        this.holder = m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The catalog file. */
    public Path file() {
        return file;
    }

    /** The id of the process that has the catalog open, when DuckDB named it. */
    public OptionalLong holder() {
        return holder < 0 ? OptionalLong.empty() : OptionalLong.of(holder);
    }
}
