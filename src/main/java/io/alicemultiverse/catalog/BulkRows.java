package io.alicemultiverse.catalog;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Rows appended to one table inside the caller's transaction, in the table's column order: DuckDB's Appender (the
 * fastest way into DuckDB), or one batched {@code INSERT} on PostgreSQL (the driver turns the batch into multi-row
 * statements). Values are Java objects: String, Integer, Long, Double, Boolean, LocalDateTime, a Collection of
 * strings for {@code VARCHAR[]}, float[] for an embedding, {@link Json} for a JSON column, or null. Not thread-safe.
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
                : new Inserted(c, table, columns);
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

        @Override
        public void close() throws SQLException {
            appender.close();
        }
    }

    static final class Inserted extends BulkRows {
        private final Connection connection;
        private final PreparedStatement statement;
        private final String table;
        private final List<String> types;
        private int pending;

        Inserted(Connection c, String table, int columns) throws SQLException {
            this.connection = c;
            this.table = table;
            this.types = Dialect.POSTGRES.columnTypes(c, table);
            if (types.size() != columns) {
                throw new SQLException("table " + table + " has " + types.size() + " columns, not " + columns);
            }
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES (");
            for (int i = 0; i < types.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(types.get(i).startsWith("json") ? "CAST(? AS JSON)" : "?");
            }
            this.statement = c.prepareStatement(sql.append(')').toString());
        }

        @Override
        BulkRows row(Object... values) throws SQLException {
            if (values.length != types.size()) {
                throw new SQLException(table + " takes " + types.size() + " values, not " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                bind(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending == 1000) {
                statement.executeBatch();
                pending = 0;
            }
            return this;
        }

        private void bind(int p, Object v) throws SQLException {
            if (v == null) {
                statement.setNull(p, Types.NULL);
            } else if (v instanceof String t) {
                statement.setString(p, t);
            } else if (v instanceof Json j) {
                statement.setString(p, j.text());
            } else if (v instanceof Integer n) {
                statement.setInt(p, n);
            } else if (v instanceof Long n) {
                statement.setLong(p, n);
            } else if (v instanceof Double n) {
                statement.setDouble(p, n);
            } else if (v instanceof Boolean b) {
                statement.setBoolean(p, b);
            } else if (v instanceof LocalDateTime t) {
                statement.setTimestamp(p, Timestamp.valueOf(t));
            } else if (v instanceof float[] f) {
                Float[] boxed = new Float[f.length];
                for (int k = 0; k < f.length; k++) {
                    boxed[k] = f[k];
                }
                statement.setArray(p, connection.createArrayOf("float4", boxed));
            } else if (v instanceof Collection<?> list) {
                statement.setArray(p, connection.createArrayOf("varchar", list.toArray()));
            } else {
                throw new IllegalArgumentException("no column type for " + v.getClass());
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    statement.executeBatch();
                }
            } finally {
                statement.close();
            }
        }
    }
}
