package io.alicemultiverse.catalog;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Rows appended to one table inside the caller's transaction, in the table's column order: DuckDB's Appender (the
 * fastest way into DuckDB), or {@code COPY … FROM STDIN} on PostgreSQL (its bulk path). Values are Java objects:
 * String, Integer, Long, Double, Boolean, LocalDateTime, a Collection of strings for {@code VARCHAR[]}, float[] for an
 * embedding, {@link Json} for a JSON column, or null. Not thread-safe.
 */
abstract sealed class BulkRows implements AutoCloseable {

    /** A JSON document as text, bound to a JSON column. */
    record Json(String text) {
        static Json of(String text) {
            return text == null ? null : new Json(text);
        }
    }

    /** Appends one row; the values in column order. */
    abstract BulkRows row(Object... values) throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    static BulkRows open(Connection c, Dialect dialect, String table, int columns) throws SQLException {
        return dialect == Dialect.DUCKDB ? new Appended(c.unwrap(DuckDBConnection.class).createAppender("main", table))
                : new Copied(c, table, columns);
    }

    static final class Appended extends BulkRows {
        private final DuckDBAppender appender;

        Appended(DuckDBAppender appender) {
            this.appender = appender;
        }

        @Override
        BulkRows row(Object... values) throws SQLException {
            appender.beginRow();
            for (Object v : values) {
                if (v == null) {
                    appender.appendNull();
                } else if (v instanceof String t) {
                    appender.append(t);
                } else if (v instanceof Json j) {
                    appender.append(j.text());
                } else if (v instanceof Integer n) {
                    appender.append(n.intValue());
                } else if (v instanceof Long n) {
                    appender.append(n.longValue());
                } else if (v instanceof Double n) {
                    appender.append(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    appender.append(b.booleanValue());
                } else if (v instanceof LocalDateTime t) {
                    appender.append(t);
                } else if (v instanceof float[] f) {
                    appender.append(f);
                } else if (v instanceof Collection<?> list) {
                    appender.append(list);
                } else {
                    throw new IllegalArgumentException("no column type for " + v.getClass());
                }
            }
            appender.endRow();
            return this;
        }

        /**
         * Flushes the rows, then closes. DuckDB's driver (2.0.0.1) ignores an error of the flush that its own
         * {@code close()} does, so a disk that filled up lost the rows without a word: the flush here throws it.
         */
        @Override
        public void close() throws SQLException {
            try {
                appender.flush();
            } finally {
                appender.close();
            }
        }
    }

    /**
     * PostgreSQL: the rows are kept as {@code COPY} text and sent in one {@code COPY table FROM STDIN} at close (the
     * callers keep several tables' rows open at once, and a connection in a running COPY takes no other statement).
     * COPY is PostgreSQL's bulk path: it parses no statement per row, and the driver binds no parameters. Against the
     * batched multi-row INSERT it replaced, a 2,000-file organize process spent less in the driver and its JIT, and the
     * server less per row (docs/benchmarks.md, issue 19). The text format is written here because the driver takes
     * rows only as bytes; its rules are few (PostgreSQL's documentation of COPY, "Text Format"; array literals:
     * "Array Value Input").
     */
    static final class Copied extends BulkRows {
        private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000};
        private final Connection connection;
        private final String table;
        private final int columns;
        private final StringBuilder text = new StringBuilder();
        private int pending;

        Copied(Connection c, String table, int columns) throws SQLException {
            this.connection = c;
            this.table = table;
            int actual = Dialect.POSTGRES.columnTypes(c, table).size();
            if (actual != columns) {
                throw new SQLException("table " + table + " has " + actual + " columns, not " + columns);
            }
            this.columns = columns;
        }

        @Override
        BulkRows row(Object... values) throws SQLException {
            if (values.length != columns) {
                throw new SQLException(table + " takes " + columns + " values, not " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                field(values[i]);
            }
            text.append('\n');
            if (++pending == 5000) { // bounded memory for a huge batch (e.g. a rebuild's embeddings)
                flush();
            }
            return this;
        }

        /**
         * One value as COPY text. Kept small, with one call of {@link #escaped}: every column of every row comes
         * through here, so each organize process compiles it early, and with every branch written out inline C2
         * spent ~0.3 s of every process on this one method (10 kB inlined).
         */
        private void field(Object v) {
            if (v == null) {
                text.append("\\N");
                return;
            }
            String s = v instanceof String t ? t : v instanceof Json j ? j.text()
                    : v instanceof Collection<?> list ? arrayLiteral(list) : null;
            if (s != null) {
                escaped(s);
            } else {
                scalar(v);
            }
        }

        private void scalar(Object v) {
            if (v instanceof Long n) {
                text.append(n.longValue());
            } else if (v instanceof Integer n) {
                text.append(n.intValue());
            } else if (v instanceof Double n) {
                text.append(n.doubleValue()); // NaN, Infinity and 1.0E-5 are valid float8 input
            } else if (v instanceof Boolean b) {
                text.append(b ? 't' : 'f');
            } else if (v instanceof LocalDateTime t) {
                timestamp(t);
            } else if (v instanceof float[] f) {
                floats(f);
            } else {
                throw new IllegalArgumentException("no column type for " + v.getClass());
            }
        }

        private void floats(float[] f) {
            text.append('{');
            for (int k = 0; k < f.length; k++) {
                if (k > 0) {
                    text.append(',');
                }
                text.append(f[k]);
            }
            text.append('}');
        }

        /** An array literal of text elements, each quoted ("Array Value Input"); COPY's escapes come on top. */
        private static String arrayLiteral(Collection<?> list) {
            StringBuilder array = new StringBuilder("{");
            boolean first = true;
            for (Object o : list) {
                array.append(first ? "" : ",");
                first = false;
                if (o == null) {
                    array.append("NULL");
                } else {
                    array.append('"');
                    String e = o.toString();
                    for (int k = 0; k < e.length(); k++) {
                        char ch = e.charAt(k);
                        if (ch == '"' || ch == '\\') {
                            array.append('\\');
                        }
                        array.append(ch);
                    }
                    array.append('"');
                }
            }
            return array.append('}').toString();
        }

        /**
         * {@code uuuu-MM-dd HH:mm:ss.SSSSSS} by hand for the usual years: every row has one or two, and the
         * formatter's generality cost each organize process a large compilation of this class.
         */
        private void timestamp(LocalDateTime t) {
            if (t.getYear() < 1 || t.getYear() > 9999) {
                text.append(TIMESTAMP.format(t));
                return;
            }
            digits(t.getYear(), 4).append('-');
            digits(t.getMonthValue(), 2).append('-');
            digits(t.getDayOfMonth(), 2).append(' ');
            digits(t.getHour(), 2).append(':');
            digits(t.getMinute(), 2).append(':');
            digits(t.getSecond(), 2).append('.');
            digits(t.getNano() / 1000, 6);
        }

        private StringBuilder digits(int value, int width) {
            for (int d = width - 1; d >= 0; d--) {
                text.append((char) ('0' + value / POW10[d] % 10));
            }
            return text;
        }

        /**
         * COPY's text escapes: the backslash, and the characters that end a field or a row. The runs between them go
         * in whole, found by {@code indexOf} (vectorised), not char by char: raw metadata and workflows are long.
         */
        private void escaped(String s) {
            int backslash = s.indexOf('\\');
            int tab = s.indexOf('\t');
            int newline = s.indexOf('\n');
            int cr = s.indexOf('\r');
            int from = 0;
            while (true) {
                int next = first(first(backslash, tab), first(newline, cr));
                if (next < 0) {
                    text.append(s, from, s.length());
                    return;
                }
                text.append(s, from, next);
                char ch = s.charAt(next);
                switch (ch) {
                    case '\\' -> {
                        text.append("\\\\");
                        backslash = s.indexOf('\\', next + 1);
                    }
                    case '\t' -> {
                        text.append("\\t");
                        tab = s.indexOf('\t', next + 1);
                    }
                    case '\n' -> {
                        text.append("\\n");
                        newline = s.indexOf('\n', next + 1);
                    }
                    default -> {
                        text.append("\\r");
                        cr = s.indexOf('\r', next + 1);
                    }
                }
                from = next + 1;
            }
        }

        /** The smaller of two positions, where -1 means none. */
        private static int first(int a, int b) {
            return a < 0 ? b : b < 0 ? a : Math.min(a, b);
        }

        private void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            pending = 0;
            try {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new SQLException("COPY into " + table + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
        }
    }
}
