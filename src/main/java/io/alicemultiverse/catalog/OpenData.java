package io.alicemultiverse.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog as open data: one row per asset with its tags by origin, its latest understanding and what
 * understanding it cost, written by DuckDB's own {@code COPY … TO} as Parquet, CSV or JSON Lines (the column list is
 * documented in the README's "Open data" section). Not thread-safe, like the {@link Catalog} it reads.
 */
public final class OpenData {
    /** The file formats DuckDB writes for us. */
    public enum Format {
        PARQUET("FORMAT parquet, COMPRESSION zstd"), CSV("FORMAT csv, HEADER true"), JSONL("FORMAT json");

        private final String options;

        Format(String options) {
            this.options = options;
        }

        /** The format named {@code name} (case-insensitive; {@code json} means JSON Lines). */
        public static Format of(String name) {
            String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
            return switch (n) {
                case "parquet" -> PARQUET;
                case "csv" -> CSV;
                case "jsonl", "json", "ndjson" -> JSONL;
                default -> throw new IllegalArgumentException("--format must be parquet, csv or jsonl, not '" + name + "'");
            };
        }
    }

    private final Catalog catalog;

    OpenData(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Writes the rows of the assets {@code hashes} names (every asset when null) to {@code file}, ordered by path,
     * and returns how many were written. {@code file} is replaced if present; callers write to a temporary name.
     */
    public long write(Path file, Format format, Collection<String> hashes) {
        if (catalog.dialect() == Dialect.POSTGRES) {
            try {
                return writeThroughDuckDb(file, format, hashes);
            } catch (SQLException e) {
                throw catalog.fail("export to " + file, e);
            }
        }
        try (Statement s = catalog.connection().createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE export_selection (content_hash VARCHAR)");
            try {
                String from = "assets";
                if (hashes != null) {
                    try (PreparedStatement ps = catalog.connection().prepareStatement(
                            "INSERT INTO export_selection SELECT DISTINCT unnest(?::VARCHAR[])")) {
                        ps.setArray(1, catalog.connection().createArrayOf("VARCHAR", hashes.toArray()));
                        ps.executeUpdate();
                    }
                    from = "(SELECT * FROM assets WHERE content_hash IN (SELECT content_hash FROM export_selection))";
                }
                // COPY takes no bound parameters: the file name is a string literal with its quotes doubled, the
                // format options come from the enum above
                String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
                s.execute("COPY (" + select(from, format) + ") TO " + literal + " (" + format.options + ")");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from + " a")) {
                    rs.next();
                    return rs.getLong(1);
                }
            } finally {
                s.execute("DROP TABLE IF EXISTS export_selection");
            }
        } catch (SQLException e) {
            throw catalog.fail("export to " + file, e);
        }
    }

    /** The columns of each table the export reads, as DuckDB types; PostgreSQL holds the same names. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("assets", "content_hash VARCHAR, path VARCHAR, original_path VARCHAR, media_type VARCHAR, "
                + "format VARCHAR, width INTEGER, height INTEGER, duration DOUBLE, bytes BIGINT, source VARCHAR, "
                + "ai_generated BOOLEAN, project VARCHAR, created_at TIMESTAMP, organized_at TIMESTAMP, "
                + "prompt VARCHAR, negative VARCHAR, model VARCHAR, seeds VARCHAR[], params JSON");
        TABLES.put("tags", "content_hash VARCHAR, tag VARCHAR, origin VARCHAR");
        TABLES.put("understanding", "content_hash VARCHAR, description VARCHAR, provider VARCHAR, model VARCHAR, "
                + "created_at TIMESTAMP");
        TABLES.put("spend", "content_hash VARCHAR, cost_usd DOUBLE");
    }

    /**
     * A PostgreSQL catalog: PostgreSQL writes no Parquet, so the rows the export reads are copied into an in-memory
     * DuckDB (its Appender), which then writes the file with the same {@code COPY} and the same columns as a DuckDB
     * catalog's export. (DuckDB's own postgres extension would read PostgreSQL directly, but it is downloaded on
     * first use, and these machines reach no extension repository.)
     */
    private long writeThroughDuckDb(Path file, Format format, Collection<String> hashes) throws SQLException {
        try (Connection mem = DriverManager.getConnection("jdbc:duckdb:");
             Statement m = mem.createStatement()) {
            Object selection = hashes == null ? null
                    : catalog.connection().createArrayOf("varchar", hashes.stream().distinct().toArray());
            for (Map.Entry<String, String> t : TABLES.entrySet()) {
                m.execute("CREATE TABLE " + t.getKey() + " (" + t.getValue() + ")");
                List<String> columns = new ArrayList<>();
                for (String c : t.getValue().split(", ")) {
                    String name = c.substring(0, c.indexOf(' '));
                    columns.add(name.equals("params") ? "params::text" : name);
                }
                String sql = "SELECT " + String.join(", ", columns) + " FROM " + t.getKey()
                        + (selection == null ? "" : " WHERE content_hash = ANY(?)");
                try (PreparedStatement ps = catalog.connection().prepareStatement(sql)) {
                    if (selection != null) {
                        ps.setArray(1, (java.sql.Array) selection);
                    }
                    try (ResultSet rs = ps.executeQuery();
                         BulkRows rows = BulkRows.open(mem, Dialect.DUCKDB, t.getKey(), columns.size())) {
                        Object[] values = new Object[columns.size()];
                        while (rs.next()) {
                            for (int i = 0; i < values.length; i++) {
                                values[i] = appendable(rs.getObject(i + 1));
                            }
                            rows.row(values);
                        }
                    }
                }
            }
            String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
            m.execute("COPY (" + select("assets", format) + ") TO " + literal + " (" + format.options + ")");
            try (ResultSet rs = m.executeQuery("SELECT count(*) FROM assets")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A PostgreSQL value as the Appender takes it. */
    private static Object appendable(Object v) throws SQLException {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Array a) {
            List<String> items = new ArrayList<>();
            for (Object o : (Object[]) a.getArray()) {
                items.add(o == null ? null : o.toString());
            }
            return items;
        }
        if (v instanceof Short n) {
            return n.intValue();
        }
        if (v instanceof Float n) {
            return n.doubleValue();
        }
        if (v instanceof java.math.BigDecimal n) {
            return n.doubleValue();
        }
        return v;
    }

    private static String select(String from, Format format) {
        // CSV has no lists: there a list is its items joined by " | "
        boolean flat = format == Format.CSV;
        return """
                WITH t AS (
                    SELECT content_hash,
                           list(tag ORDER BY tag) FILTER (WHERE origin = 'user') AS tags_user,
                           list(tag ORDER BY tag) FILTER (WHERE origin = 'prompt') AS tags_prompt,
                           list(tag ORDER BY tag) FILTER (WHERE origin = 'understanding') AS tags_understanding
                    FROM tags GROUP BY content_hash),
                u AS (
                    SELECT content_hash, arg_max(description, created_at) AS description,
                           arg_max(provider, created_at) AS understanding_provider,
                           arg_max(model, created_at) AS understanding_model
                    FROM understanding GROUP BY content_hash),
                c AS (
                    SELECT content_hash, sum(cost_usd) AS cost_usd FROM spend
                    WHERE content_hash IS NOT NULL GROUP BY content_hash)
                SELECT a.content_hash, %s AS path, %s AS original_path, a.media_type, a.format, a.width, a.height,
                       a.duration, a.bytes, %s AS source, a.ai_generated, %s AS project, a.created_at, a.organized_at,
                       %s AS prompt, %s AS negative, %s AS model, %s AS seeds, a.params,
                       %s AS tags_user, %s AS tags_prompt, %s AS tags_understanding,
                       %s AS description, %s AS understanding_provider, %s AS understanding_model,
                       coalesce(c.cost_usd, 0) AS cost_usd
                FROM %s a
                LEFT JOIN t ON t.content_hash = a.content_hash
                LEFT JOIN u ON u.content_hash = a.content_hash
                LEFT JOIN c ON c.content_hash = a.content_hash
                ORDER BY a.path""".formatted(text("a.path", flat), text("a.original_path", flat),
                text("a.source", flat), text("a.project", flat), text("a.prompt", flat), text("a.negative", flat),
                text("a.model", flat), text(list("a.seeds", flat), flat), text(list("t.tags_user", flat), flat),
                text(list("t.tags_prompt", flat), flat), text(list("t.tags_understanding", flat), flat),
                text("u.description", flat), text("u.understanding_provider", flat),
                text("u.understanding_model", flat), from);
    }

    /**
     * A text column as written; in CSV, a cell a spreadsheet would run as a formula (text from files: a prompt
     * {@code =HYPERLINK(…)} or {@code =cmd|…}, a folder named {@code +…}), one beginning with {@code = + - @}, a tab
     * or a carriage return that is not a plain number, gets a leading {@code '} (OWASP's advice against CSV
     * injection), which spreadsheets show as text.
     */
    private static String text(String column, boolean flat) {
        return flat ? "CASE WHEN regexp_matches(" + column + ", '^[-=+@\\t\\r]') AND NOT regexp_matches(" + column
                + ", '^[-+]?[0-9]+([.][0-9]+)?$') THEN '''' || " + column + " ELSE " + column + " END" : column;
    }

    private static String list(String column, boolean flat) {
        String never = "coalesce(" + column + ", []::VARCHAR[])";
        return flat ? "array_to_string(" + never + ", ' | ')" : never;
    }
}
