package io.alicemultiverse.library;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.PngBuilder;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code organize --move} into a library whose disk has room for the files but not for the catalog's record of them:
 * the batch is put back into the inbox and the error names the full disk. It used to be lost from the catalog
 * without a word: DuckDB's appender committed the rows on its own and its {@code close()} ignored the failed write,
 * so the run reported the files organized, they had left the inbox, and the catalog had none of them ({@code check}:
 * "not in the catalog"; undo could not bring them back). Needs root, to mount the library's small tmpfs.
 */
class FullDiskMoveTest {
    private static final int PAGE = 4096;
    @TempDir
    Path tmp;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor();
        }
    }

    @Test
    void aBatchTheCatalogCannotRecordGoesBackToTheInbox() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        assumeTrue("root".equals(System.getProperty("user.name")) && new ProcessBuilder("mount", "-t", "tmpfs", "-o",
                "size=24m", "tmpfs", disk.toString()).start().waitFor() == 0, "needs root to mount a tmpfs");
        mounted = disk;
        Path library = disk.resolve("library");
        TempLibrary first = new TempLibrary(tmp.resolve("first"));
        first.inboxFile("seed.png", TempLibrary.png(1));
        CliRun seed = CliRun.run("organize", "--inbox", first.inbox().toString(), "--library", library.toString());
        assertThat(seed.exit()).as(seed.err()).isZero();

        // twelve files whose records are larger than a page (a long prompt each, in raw and in params too)
        TempLibrary t = new TempLibrary(tmp.resolve("second"));
        long pages = 0;
        for (int i = 0; i < 12; i++) {
            byte[] png = PngBuilder.rgb(8, 8).text("parameters", ("a lighthouse at dusk, file " + i + ", ").repeat(60)
                    + "\nSteps: 20, Sampler: Euler, Seed: " + i + ", Size: 8x8").build();
            t.inboxFile("f" + i + ".png", png);
            pages += (png.length + PAGE - 1) / PAGE;
        }
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        // the disk keeps room for the copies and one page more (the journal's planned lines), not for the batch's
        // record in the catalog's write-ahead log
        fill(disk.resolve("filler"), Files.getFileStore(disk).getUsableSpace() - (pages + 1) * PAGE);

        CliRun move = CliRun.run("organize", "--move", "--inbox", t.inbox().toString(), "--library", library.toString());

        assertThat(move.exit()).as(move.out() + move.err()).isEqualTo(1);
        assertThat(move.err()).contains("the catalog could not record", "No space left on device")
                .doesNotContain("no transaction is active");
        Files.delete(disk.resolve("filler"));
        // every file where it was, or in the library and catalogued; none lost, none twice
        Map<String, String> after = new HashMap<>(TempLibrary.fingerprint(t.inbox()));
        assertThat(after).isEqualTo(inbox);
        CliRun check = CliRun.run("check", "--library", library.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("0 missing, 0 changed, 0 not in the catalog");
        // and the next run, with room, files them all
        CliRun again = CliRun.run("organize", "--move", "--inbox", t.inbox().toString(), "--library",
                library.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        assertThat(TempLibrary.fingerprint(library)).hasSize(13);
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[PAGE];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= PAGE) {
                out.write(chunk, 0, (int) Math.min(PAGE, left));
            }
        }
    }
}
