package io.alicemultiverse.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two catalog backends and the few places their SQL differs. Everything else is written once, in SQL both
 * accept: {@code unnest(?::VARCHAR[])}, {@code DISTINCT ON}, {@code string_agg(… ORDER BY …)}, {@code ->}/{@code ->>}
 * on JSON, window functions in a subquery (no {@code QUALIFY}), {@code DOUBLE PRECISION}.
 */
enum Dialect {
    /** Embedded DuckDB in {@code <library>/.alice/catalog.duckdb}: one writing process (the library's owner). */
    DUCKDB,
    /** A PostgreSQL server shared by every machine: many writers, the database keeps the invariants. */
    POSTGRES;

    private final Map<String, List<String>> columnTypes = new ConcurrentHashMap<>();

    /** The type names of {@code table}'s columns in order (PostgreSQL's {@code information_schema}), cached. */
    List<String> columnTypes(Connection c, String table) throws SQLException {
        List<String> known = columnTypes.get(table);
        if (known != null) {
            return known;
        }
        List<String> types = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT data_type FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        if (types.isEmpty()) {
            throw new SQLException("no table " + table + " in the catalog");
        }
        List<String> frozen = List.copyOf(types);
        columnTypes.put(table, frozen);
        return frozen;
    }

    /** The embedding column's type: DuckDB's fixed-size array, PostgreSQL's {@code real[]}. */
    String vectorType(int dimensions) {
        return this == DUCKDB ? "FLOAT[" + dimensions + "]" : "REAL[]";
    }

    /**
     * What ends an {@code INSERT … WHERE NOT EXISTS} so that two processes inserting the same row at the same moment
     * leave one: on PostgreSQL the unique index {@code conflict} names (a column list, with its {@code WHERE} for a
     * partial index) turns the second into nothing; DuckDB's single writer never races.
     */
    String onConflictDoNothing(String conflict) {
        return this == POSTGRES ? " ON CONFLICT " + conflict + " DO NOTHING" : "";
    }
}
