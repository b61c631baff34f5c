package io.alicemultiverse.catalog;

import java.sql.PreparedStatement;
import java.util.Map;

/**
 * The last {@code {seq}} handed out per project and source on a shared catalog, so organize runs on several machines
 * at once never number two files alike: a run reads the counters before it plans a batch and advances them after,
 * both under {@link Catalog.Activity#PLANNING}. The counters only ever grow (a number planned and then not used is
 * skipped, as a name taken on disk is). A single-writer DuckDB catalog numbers from its own files and never reads
 * them.
 */
public final class Numbering {
    private final Catalog catalog;

    Numbering(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every counter: key (as the organizer forms it) → the last number handed out. */
    public Map<String, Integer> read() {
        Map<String, Integer> out = new java.util.HashMap<>();
        catalog.select("SELECT name_key, last FROM numbering", java.util.List.of(),
                rs -> out.put(rs.getString(1), rs.getInt(2)));
        return out;
    }

    /** Raises each counter to at least the given number. */
    public void advance(Map<String, Integer> last) {
        if (last.isEmpty()) {
            return;
        }
        catalog.inTransaction(() -> {
            try (PreparedStatement ps = catalog.connection().prepareStatement("INSERT INTO numbering VALUES (?, ?) "
                    + "ON CONFLICT (name_key) DO UPDATE SET last = greatest(numbering.last, excluded.last)")) {
                for (Map.Entry<String, Integer> e : last.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setInt(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
