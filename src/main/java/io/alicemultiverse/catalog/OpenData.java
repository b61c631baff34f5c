package io.alicemultiverse.catalog;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Locale;

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
                SELECT a.content_hash, a.path, a.original_path, a.media_type, a.format, a.width, a.height,
                       a.duration, a.bytes, a.source, a.ai_generated, a.project, a.created_at, a.organized_at,
                       a.prompt, a.negative, a.model, %s AS seeds, a.params,
                       %s AS tags_user, %s AS tags_prompt, %s AS tags_understanding,
                       u.description, u.understanding_provider, u.understanding_model,
                       coalesce(c.cost_usd, 0) AS cost_usd
                FROM %s a
                LEFT JOIN t ON t.content_hash = a.content_hash
                LEFT JOIN u ON u.content_hash = a.content_hash
                LEFT JOIN c ON c.content_hash = a.content_hash
                ORDER BY a.path""".formatted(list("a.seeds", flat), list("t.tags_user", flat),
                list("t.tags_prompt", flat), list("t.tags_understanding", flat), from);
    }

    private static String list(String column, boolean flat) {
        String never = "coalesce(" + column + ", []::VARCHAR[])";
        return flat ? "array_to_string(" + never + ", ' | ')" : never;
    }
}
