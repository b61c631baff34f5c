package io.alicemultiverse.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The SQL fragments search's reads share, written for both backends: {@code string_to_array} and {@code substr} are
 * spelled alike in DuckDB and PostgreSQL; only the word regex differs ({@link #words}). Stateless.
 */
final class SearchSql {
    /**
     * {@code IN} a list of content hashes bound as one comma-joined text parameter ({@link #hashList}); content hashes
     * are hex, never holding a comma.
     */
    static final String IN_HASHES = "IN (SELECT unnest(string_to_array(?, ',')))";

    /**
     * {@link #IN_HASHES} in the form {@code d} plans best for a list of any length. PostgreSQL probes the content
     * hashes' index once per hash for {@code IN (SELECT unnest …)}, and for {@code = ANY} of the array hashes a long
     * array against a scan or reads a short one's rows by a bitmap of the index: at 1,000,000 assets 87,000 hashes took
     * 2.75 s against 0.56 s, 500 hashes with a source 31.6 ms against 2.0 ms ({@code EXPLAIN ANALYZE}; docs/benchmarks.md).
     */
    static String inHashes(Dialect d) {
        return d == Dialect.POSTGRES ? "= ANY(string_to_array(?, ','))" : IN_HASHES;
    }
    /**
     * {@link SearchText#LOWER} reduced to its words (letters and digits of any script) separated by single spaces,
     * with a space at each end: the SQL twin of {@code search.AssetText.words}. DuckDB's RE2 has Unicode classes;
     * PostgreSQL's regular expressions have no {@code \pL} and say {@code [:alnum:]}, which follows the database's
     * character type (every script under a UTF-8 locale).
     */
    static String words(Dialect dialect) {
        String nonWord = dialect == Dialect.DUCKDB ? "[^\\pL\\pN]+" : "[^[:alnum:]]+";
        return "(' ' || trim(regexp_replace(" + SearchText.lower(dialect) + ", '" + nonWord + "', ' ', 'g')) || ' ')";
    }

    /** The creation month of {@code a} as {@code YYYY-MM} (timestamps print as ISO text on both backends). */
    static final String MONTH = "substr(CAST(a.created_at AS VARCHAR), 1, 7)";

    private SearchSql() {
    }

    /** The parameter {@link #IN_HASHES} binds. */
    static String hashList(Collection<String> hashes) {
        return String.join(",", hashes);
    }

    /** A {@code FLOAT[]} column (an embedding) as a Java array: DuckDB's JDBC hands its elements over as objects. */
    static float[] floats(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        Object[] arr = (Object[]) array.getArray();
        float[] v = new float[arr.length];
        for (int i = 0; i < arr.length; i++) {
            v[i] = ((Number) arr[i]).floatValue();
        }
        return v;
    }
}
