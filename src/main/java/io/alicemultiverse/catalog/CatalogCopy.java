package io.alicemultiverse.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a library's catalog between backends: its DuckDB catalog into an empty PostgreSQL database ({@code alice
 * catalog copy --to URL}), or a shared catalog back into a new DuckDB file ({@code --to duckdb}). Every table is
 * copied in one transaction on the target, then verified (row counts per table and a SHA-256 over every asset's
 * hash, path and size on both sides); only then does the library switch to the target. Nothing is deleted: the old
 * DuckDB file is renamed {@code catalog.duckdb.before-copy-DATE}, and a shared catalog is left as it was. A
 * PostgreSQL target must be empty, unless {@code replace} is asked and it holds an older copy of this very library:
 * every run its journal records is one of the source's (a different library's runs, or runs made there since the
 * copy, would be lost: refused). The old rows are deleted in the same transaction that copies and verifies the new
 * ones, so a failure leaves the old copy as it was.
 */
public final class CatalogCopy {
    /** Every table, in the order copied. */
    private static final List<String> TABLES = List.of("assets", "tags", "hashes", "journal", "runs", "inbox_files",
            "duplicates", "understanding", "spend", "embeddings", "changes", "video_jobs");

    /** What was copied: rows per table and the verified checksum. */
    public record Result(String from, String to, Map<String, Long> rows, String checksum) {
    }

    private CatalogCopy() {
    }

    /**
     * Copies the catalog of {@code library} to {@code to} and switches the library to it; the library's current
     * catalog must be the other backend, the target empty.
     */
    public static Result copy(Path library, CatalogUrl to) {
        return copy(library, to, false);
    }

    /**
     * {@link #copy(Path, CatalogUrl)}; with {@code replace}, a PostgreSQL target holding an older copy of this
     * library (see the class comment) is replaced.
     */
    public static Result copy(Path library, CatalogUrl to, boolean replace) {
        Path lib = library.toAbsolutePath().normalize();
        boolean shared = Catalog.isShared(lib);
        if (to.isPostgres() == shared) {
            throw new CatalogException("the library " + lib + " already uses " + (shared ? "a shared PostgreSQL"
                    : "its DuckDB") + " catalog; copy goes from DuckDB to PostgreSQL or back");
        }
        if (!Catalog.exists(lib)) {
            throw new CatalogException("the library " + lib + " has no catalog to copy");
        }
        Path duckFile = lib.resolve(".alice").resolve("catalog.duckdb");
        Result result;
        if (to.isPostgres()) {
            try (Catalog source = Catalog.open(lib); Catalog target = openTarget(to, source, replace)) {
                result = copyTables(source, target);
            }
            try {
                setAside(duckFile);
                CatalogChoice.record(lib, to);
            } catch (IOException e) {
                throw new CatalogException("copied and verified, but cannot switch the library to " + to + ": "
                        + e.getMessage(), e);
            }
        } else {
            if (Files.exists(duckFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!abandoned(duckFile, lib)) {
                    throw new CatalogException(duckFile + " exists; move it away before copying the shared catalog back");
                }
                deleteDuckDb(duckFile); // an earlier copy back that was interrupted: it holds nothing
            }
            Path pointer = lib.resolve(".alice").resolve(CatalogChoice.POINTER);
            boolean copied = false;
            try (Catalog source = Catalog.open(lib);
                 Catalog target = Catalog.openDuckDbFile(duckFile, LibraryPaths.of(lib))) {
                result = copyTables(source, target);
                copied = true;
            } finally {
                if (!copied) {
                    deleteDuckDb(duckFile); // made by this copy, its transaction rolled back: the next one starts clean
                }
            }
            try {
                setAside(pointer);
            } catch (IOException e) {
                throw new CatalogException("copied and verified, but cannot switch the library back to DuckDB: "
                        + e.getMessage(), e);
            }
        }
        return result;
    }

    /**
     * Renames {@code file} to {@code NAME.before-copy-DATE} beside it, or {@code -2}, {@code -3}… when an earlier copy
     * the same day left one: an older copy is never replaced.
     */
    private static void setAside(Path file) throws IOException {
        String base = file.getFileName() + ".before-copy-" + LocalDate.now();
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(n == 1 ? base : base + "-" + n);
            if (Files.exists(aside, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.move(file, aside); // no REPLACE_EXISTING: a name taken meanwhile fails, and the next is tried
                return;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken between the check and the move
            }
        }
    }

    /**
     * Whether the DuckDB file in the way of a copy back is one an interrupted copy back left: a plain file whose
     * tables hold no row (its one transaction never committed), so nothing is lost by starting over.
     */
    private static boolean abandoned(Path duckFile, Path lib) {
        if (!Files.isRegularFile(duckFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Catalog c = Catalog.openDuckDbFile(duckFile, LibraryPaths.of(lib))) {
            for (String table : TABLES) {
                if (!table.equals("changes") && count(c, table) > 0) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false; // unreadable, or in use: left to the user
        }
    }

    private static void deleteDuckDb(Path duckFile) {
        try {
            Files.deleteIfExists(duckFile);
            Files.deleteIfExists(duckFile.resolveSibling(duckFile.getFileName() + ".wal"));
        } catch (IOException e) {
            // left in place: the next copy back names it
        }
    }

    private static Catalog openTarget(CatalogUrl to, Catalog source, boolean replace) {
        Catalog target = Catalog.openUnrecorded(to);
        try {
            java.util.Set<String> runs = new java.util.LinkedHashSet<>();
            target.journal().runs().forEach(r -> runs.add(r.run()));
            long assets = target.assetCount();
            if (assets == 0 && runs.isEmpty()) {
                return target;
            }
            if (!replace) {
                throw new CatalogException("the catalog " + to + " is not empty (" + assets + " assets, " + runs.size()
                        + " runs); copy only into an empty database, or add --replace if it holds an older copy of "
                        + "this library (it is then replaced in one verified transaction)");
            }
            source.journal().runs().forEach(r -> runs.remove(r.run()));
            if (!runs.isEmpty() || target.journal().runs().isEmpty()) {
                throw new CatalogException("the catalog " + to + " does not hold an older copy of this library: "
                        + (runs.isEmpty() ? "its journal records no run to tell by"
                        : runs.size() + " of its runs (" + runs.iterator().next() + (runs.size() > 1 ? ", …" : "")
                        + ") are not in this library's journal: another library's, or made there after the copy")
                        + "; nothing replaced");
            }
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    private static Result copyTables(Catalog source, Catalog target) {
        Map<String, Long> rows = new LinkedHashMap<>();
        target.inTransaction(() -> {
            long counter = 0;
            try (Statement s = target.connection().createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT coalesce(max(counter), 0) FROM changes")) {
                    rs.next();
                    counter = rs.getLong(1);
                }
                for (String table : TABLES) {
                    s.execute("DELETE FROM " + table); // the seed rows (the change counter), or an older copy's
                }
                s.execute("DELETE FROM change_log"); // an older copy's: every index is rebuilt after the copy
            }
            for (String table : TABLES) {
                rows.put(table, copyTable(source, target, table));
            }
            try (java.sql.PreparedStatement ps = target.connection().prepareStatement(
                    "UPDATE changes SET counter = CASE WHEN counter < ? THEN ? ELSE counter END")) {
                // never behind an older copy's counter, which other machines' search caches may have reached
                ps.setLong(1, counter);
                ps.setLong(2, counter);
                ps.executeUpdate();
            }
            if (target.dialect() == Dialect.POSTGRES) {
                try (Statement s = target.connection().createStatement()) {
                    s.execute("SELECT setval('journal_entry', (SELECT coalesce(max(entry), 0) + 1 FROM journal), false)");
                    s.execute("SELECT setval('embeddings_stored', (SELECT coalesce(max(stored), 0) + 1 FROM embeddings), "
                            + "false)");
                }
            }
            for (String table : TABLES) {
                long there = count(target, table);
                if (there != rows.get(table)) {
                    throw new SQLException("verification failed: " + table + " has " + there + " rows in the target, "
                            + rows.get(table) + " in the source");
                }
            }
            String a = checksum(source);
            String b = checksum(target);
            if (!a.equals(b)) {
                throw new SQLException("verification failed: the assets' checksums differ (" + a + " vs " + b + ")");
            }
        });
        target.bumpChangesNow();
        return new Result(source.location(), target.location(), rows, checksum(target));
    }

    private static long copyTable(Catalog source, Catalog target, String table) throws SQLException {
        long n = 0;
        try (Statement s = source.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            int columns = md.getColumnCount();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                types.add(md.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT));
            }
            try (BulkRows out = target.rows(table, columns)) {
                Object[] row = new Object[columns];
                while (rs.next()) {
                    for (int i = 0; i < columns; i++) {
                        row[i] = value(rs, i + 1, types.get(i));
                    }
                    out.row(row);
                    n++;
                }
            }
        }
        return n;
    }

    /** One value as {@link BulkRows} takes it, whatever the source driver hands over. */
    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) {
            return null;
        }
        if (type.startsWith("json")) {
            return BulkRows.Json.of(rs.getString(column));
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toLocalDateTime();
        }
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            if (type.contains("float") || type.contains("real") || type.startsWith("_float")) {
                float[] f = new float[items.length];
                for (int i = 0; i < items.length; i++) {
                    f[i] = ((Number) items[i]).floatValue();
                }
                return f;
            }
            List<String> strings = new ArrayList<>(items.length);
            for (Object o : items) {
                strings.add(o == null ? null : o.toString());
            }
            return strings;
        }
        if (v instanceof Short s) {
            return s.intValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        return v;
    }

    private static long count(Catalog c, String table) {
        return c.select("SELECT count(*) FROM " + table, List.of(), rs -> rs.getLong(1)).get(0);
    }

    /** SHA-256 over every asset's content hash, path and size, in hash order. */
    private static String checksum(Catalog c) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String line : c.select("SELECT content_hash, path, bytes FROM assets ORDER BY content_hash", List.of(),
                    rs -> rs.getString(1) + "\t" + rs.getString(2) + "\t" + rs.getLong(3) + "\n")) {
                d.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
