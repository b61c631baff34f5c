package io.alicemultiverse.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a journaled file operation stands, stored in the journal's {@code state} column under the same id it always
 * had (old catalogs read unchanged). An operation's state is its latest line.
 */
public enum JournalState {
    /** Written before the file operation starts; still the latest after a crash, for recovery to settle. */
    PLANNED("planned"),
    /** The file operation happened and the catalog reflects it. */
    DONE("done"),
    /** The file operation did not happen (or was rolled back). */
    FAILED("failed"),
    /** A done operation reversed by undo (or by recovery finishing an interrupted undo). */
    UNDONE("undone");

    private final String id;

    JournalState(String id) {
        this.id = id;
    }

    /** The id stored in the catalog. */
    public String id() {
        return id;
    }

    /** The state stored as {@code id}, or a {@link CatalogException} naming it and the known ones. */
    public static JournalState of(String id) {
        for (JournalState s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new CatalogException("unknown journal state '" + id + "' in the catalog (known: "
                + Arrays.stream(values()).map(JournalState::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
