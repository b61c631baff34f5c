package io.alicemultiverse.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal's typed operations and states are stored under the ids catalogs always held (so an old catalog reads
 * unchanged), and a stored id this version does not know stops the read with an error naming it, never a guess.
 */
class JournalProtocolTest {
    @TempDir
    Path tmp;

    @Test
    void everyOperationAndStateIsStoredUnderItsOldId() throws SQLException {
        List<String> oldOps = List.of("copy", "move", "duplicate-move", "trash", "trash-link", "hardlink", "delete",
                "restore", "untrash", "unhardlink", "unlink", "sidecar-move", "sidecar-copy", "sidecar-trash",
                "sidecar-restore");
        List<String> oldStates = List.of("planned", "done", "failed", "undone");
        assertThat(JournalOp.values()).extracting(JournalOp::id).containsExactlyElementsOf(oldOps);
        assertThat(JournalState.values()).extracting(JournalState::id).containsExactlyElementsOf(oldStates);
        try (Catalog c = Catalog.open(tmp)) {
            List<JournalEntry> written = new ArrayList<>();
            int seq = 0;
            for (JournalOp op : JournalOp.values()) {
                written.add(new JournalEntry("r1", ++seq, op, "/in/" + seq, "/lib/" + seq, "h" + seq,
                        JournalState.values()[seq % JournalState.values().length]));
            }
            c.journal().write(written);
            assertThat(c.journal().entries("r1")).containsExactlyElementsOf(written);
            List<String> stored = new ArrayList<>();
            try (Statement s = c.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT operation || '/' || state FROM journal ORDER BY seq")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            assertThat(stored).containsExactly("copy/done", "move/failed", "duplicate-move/undone", "trash/planned",
                    "trash-link/done", "hardlink/failed", "delete/undone", "restore/planned", "untrash/done",
                    "unhardlink/failed", "unlink/undone", "sidecar-move/planned", "sidecar-copy/done",
                    "sidecar-trash/failed", "sidecar-restore/undone");
            assertThat(c.journal().pending()).extracting(JournalEntry::operation)
                    .containsExactly(JournalOp.TRASH, JournalOp.RESTORE, JournalOp.SIDECAR_MOVE);
        }
    }

    @Test
    void anUnknownStoredOperationOrStateIsAClearError() throws SQLException {
        try (Catalog c = Catalog.open(tmp)) {
            raw(c, 1, "teleport", "planned");
            assertThatThrownBy(() -> c.journal().entries("r1")).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("unknown journal operation 'teleport'")
                    .hasMessageContaining("journal line 1 of run r1").hasMessageContaining("trash-link");
            assertThatThrownBy(() -> c.journal().pending()).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("'teleport'");
        }
        try (Catalog c = Catalog.open(tmp.resolve("other"))) {
            raw(c, 1, "copy", "half-done");
            assertThatThrownBy(() -> c.journal().entries("r1")).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("unknown journal state 'half-done'").hasMessageContaining("undone");
        }
    }

    /** A journal line written as a future (or damaged) catalog might hold it, bypassing the typed API. */
    private static void raw(Catalog c, int seq, String operation, String state) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "INSERT INTO journal VALUES (?, 'r1', ?, ?, '/in/x', '/lib/x', 'h', ?, now())")) {
            ps.setLong(1, seq);
            ps.setInt(2, seq);
            ps.setString(3, operation);
            ps.setString(4, state);
            ps.executeUpdate();
        }
    }
}
