package io.alicemultiverse.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The DuckDB-only SQL that search's reads need, kept in one place so that a second backend (PostgreSQL, issue 19)
 * knows exactly what to replace: everything else the search reads send is standard SQL. Stateless.
 */
final class DuckDbSearchSql {
    /**
     * {@code IN} a list of content hashes bound as one comma-joined text parameter ({@link #hashList}): DuckDB's
     * {@code string_split}; PostgreSQL would bind an array and say {@code = ANY(?)}. Content hashes are hex, never
     * holding a comma.
     */
    static final String IN_HASHES = "IN (SELECT unnest(string_split(?, ',')))";
    /**
     * {@link SearchText#LOWER} reduced to its words (letters and digits of any script, RE2's Unicode classes)
     * separated by single spaces, with a space at each end: the SQL twin of {@code search.AssetText.words}.
     * PostgreSQL's regular expressions have no {@code \pL}; it would say {@code [^[:alnum:]]+}.
     */
    static final String WORDS = "(' ' || trim(regexp_replace(" + SearchText.LOWER + ", '[^\\pL\\pN]+', ' ', 'g')) || ' ')";
    /** The creation month of {@code a} as {@code YYYY-MM}: DuckDB's {@code strftime} (PostgreSQL: {@code to_char}). */
    static final String MONTH = "strftime(a.created_at, '%Y-%m')";

    private DuckDbSearchSql() {
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
