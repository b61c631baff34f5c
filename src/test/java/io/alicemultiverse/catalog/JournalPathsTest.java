package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the journal stores a path under the library relative to it (forward slashes) and a path outside it
 * absolute, and reads the relative ones against the library root of the process that reads them — so a machine that
 * mounts the shared library elsewhere, or the same library moved, reaches the files another run journaled. Lines
 * stored absolute by earlier versions read as they are.
 */
class JournalPathsTest {
    @TempDir
    Path tmp;

    private static Catalog open(String backend, Path library, String url) {
        return backend.equals("duckdb") ? Catalog.open(library)
                : Catalog.open(library, CatalogUrl.parse(url, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void libraryPathsAreStoredRelativeAndReadAgainstTheReadersRoot(String backend) throws Exception {
        String url = backend.equals("duckdb") ? null : TestPostgres.newDatabase();
        Path here = tmp.resolve("mnt/nas/library");
        Path inbox = tmp.resolve("inbox");
        Path placed = here.resolve("2026-11-24/acme/comfyui/acme-00001.png");
        Path parked = here.resolve(".alice/duplicates/run-1/fox.png");
        try (Catalog c = open(backend, here, url)) {
            c.journal().startRun(new RunInfo("run-1", "organize", "move", inbox.toString(), LocalDateTime.now(),
                    null, "running"));
            c.journal().write(List.of(
                    new JournalEntry("run-1", 1, JournalOp.MOVE, inbox.resolve("acme/fox.png").toString(),
                            placed.toString(), "h1", JournalState.PLANNED),
                    new JournalEntry("run-1", 2, JournalOp.DUPLICATE_MOVE, inbox.resolve("acme/fox 2.png").toString(),
                            parked.toString(), "h1", JournalState.PLANNED),
                    new JournalEntry("run-1", 3, JournalOp.DELETE, placed.toString(), null, "h1",
                            JournalState.PLANNED)));
            c.journal().startRun(new RunInfo("run-2", "organize", "move", here.resolve("inbox").toString(),
                    LocalDateTime.now(), null, "running"));
            c.commit(new CatalogBatch().inbox(new InboxFile(here.resolve("inbox/acme/cat.png").toString(), 3, 4, "h2"))
                    .duplicate(new CatalogBatch.Duplicate("run-2", here.resolve("inbox/cat 2.png").toString(), "h2",
                            "a.png", null)));

            assertThat(stored(c, "SELECT source, target FROM journal ORDER BY seq")).containsExactly(
                    inbox.resolve("acme/fox.png").toString(), "2026-11-24/acme/comfyui/acme-00001.png",
                    inbox.resolve("acme/fox 2.png").toString(), ".alice/duplicates/run-1/fox.png",
                    "2026-11-24/acme/comfyui/acme-00001.png", null);
            assertThat(stored(c, "SELECT inbox FROM runs ORDER BY run")).containsExactly(inbox.toString(), "inbox");
            assertThat(stored(c, "SELECT path FROM inbox_files")).containsExactly("inbox/acme/cat.png");
            assertThat(stored(c, "SELECT source FROM duplicates")).containsExactly("inbox/cat 2.png");
            assertThat(c.journal().entries("run-1")).extracting(JournalEntry::target)
                    .containsExactly(placed.toString(), parked.toString(), null);
        }

        // another machine mounts the library elsewhere: the same folder, its .alice (the DuckDB catalog, or the
        // pointer to the shared one) with it
        Path there = tmp.resolve("Volumes/lib");
        Files.createDirectories(there.getParent());
        Files.move(here, there);
        try (Catalog c = open(backend, there, url)) {
            assertThat(c.journal().pending()).extracting(JournalEntry::source).containsExactly(
                    inbox.resolve("acme/fox.png").toString(), inbox.resolve("acme/fox 2.png").toString(),
                    there.resolve("2026-11-24/acme/comfyui/acme-00001.png").toString());
            assertThat(c.journal().entries("run-1")).extracting(JournalEntry::target).containsExactly(
                    there.resolve("2026-11-24/acme/comfyui/acme-00001.png").toString(),
                    there.resolve(".alice/duplicates/run-1/fox.png").toString(), null);
            assertThat(c.journal().runs()).extracting(RunInfo::inbox)
                    .containsExactly(inbox.toString(), there.resolve("inbox").toString());
            assertThat(c.inboxFiles()).containsOnlyKeys(there.resolve("inbox/acme/cat.png").toString());

            c.removeInboxFiles(List.of(there.resolve("inbox/acme/cat.png").toString()));
            assertThat(c.inboxFiles()).isEmpty();
        }
    }

    @Test
    void linesStoredAbsoluteByEarlierVersionsReadAsTheyAre() throws SQLException {
        Path library = tmp.resolve("library");
        String old = library.resolve("2024/fox.png").toString();
        try (Catalog c = Catalog.open(library)) {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "INSERT INTO journal VALUES (1, 'r1', 1, 'move', '/inbox/fox.png', ?, 'h', 'planned', now())")) {
                ps.setString(1, old);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "INSERT INTO inbox_files VALUES (?, 1, 2, 'h')")) {
                ps.setString(1, library.resolve("inbox/fox.png").toString());
                ps.executeUpdate();
            }
            assertThat(c.journal().pending()).singleElement().satisfies(e -> {
                assertThat(e.source()).isEqualTo("/inbox/fox.png");
                assertThat(e.target()).isEqualTo(old);
            });
            // a file handled again replaces its old absolute row, not beside it
            c.commit(new CatalogBatch().inbox(new InboxFile(library.resolve("inbox/fox.png").toString(), 5, 6, "h")));
            assertThat(stored(c, "SELECT path FROM inbox_files")).containsExactly("inbox/fox.png");
            assertThat(c.inboxFiles().values()).extracting(InboxFile::bytes).containsExactly(5L);
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // Unix paths: the root's spelling
    void theStoredFormIsTheSameOnEverySystem() {
        LibraryPaths paths = LibraryPaths.of(Path.of("/mnt/nas/lib"));
        assertThat(paths.stored("/mnt/nas/lib/2024/a/b.png")).isEqualTo("2024/a/b.png");
        assertThat(paths.stored("/mnt/nas/lib/x/../2024/./b.png")).as("normalized").isEqualTo("2024/b.png");
        assertThat(paths.stored("/mnt/nas/library-old/b.png")).as("a sibling is outside")
                .isEqualTo("/mnt/nas/library-old/b.png");
        assertThat(paths.stored("/mnt/nas/lib")).as("the root itself stays absolute").isEqualTo("/mnt/nas/lib");
        assertThat(paths.stored(null)).isNull();
        assertThat(paths.resolved("2024/a/b.png")).isEqualTo(Path.of("/mnt/nas/lib/2024/a/b.png").toString());
        assertThat(paths.resolved("/srv/inbox/b.png")).isEqualTo("/srv/inbox/b.png");
        assertThat(LibraryPaths.absolute("C:\\Users\\me\\inbox\\b.png")).as("another system's absolute path").isTrue();
        assertThat(LibraryPaths.absolute("\\\\nas\\lib\\b.png")).isTrue();
        assertThat(LibraryPaths.absolute("2024/a/b.png")).isFalse();
        assertThat(LibraryPaths.NONE.stored("/mnt/nas/lib/a.png")).isEqualTo("/mnt/nas/lib/a.png");
    }

    private static List<String> stored(Catalog c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getString(i));
                }
            }
        }
        return out;
    }
}
