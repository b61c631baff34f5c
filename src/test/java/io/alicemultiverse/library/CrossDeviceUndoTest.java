package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code organize --move} from an inbox on one filesystem into a library on another (a verified copy, then the
 * inbox file removed), then {@code undo}. Undo copied each file back through a temporary file inside the library and
 * then tried to link or rename that file into the inbox, across filesystems: every file failed with "Invalid
 * cross-device link" and stayed in the library. Needs root, to mount the library's small tmpfs.
 */
class CrossDeviceUndoTest {
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
    void aMoveAcrossFilesystemsIsUndone() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        assumeTrue("root".equals(System.getProperty("user.name")) && new ProcessBuilder("mount", "-t", "tmpfs", "-o",
                "size=16m", "tmpfs", disk.toString()).start().waitFor() == 0, "needs root to mount a tmpfs");
        mounted = disk;
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("b.png", TempLibrary.png(2));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        Path library = disk.resolve("library");
        assertThat(Files.getFileStore(disk)).isNotEqualTo(Files.getFileStore(t.inbox()));

        CliRun move = CliRun.run("organize", "--move", "--inbox", t.inbox().toString(), "--library", library.toString());
        assertThat(move.exit()).as(move.out() + move.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        assertThat(TempLibrary.fingerprint(library)).hasSize(2);

        CliRun undo = CliRun.run("undo", "--library", library.toString());
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(library)).isEmpty();
        try (Stream<Path> s = Files.walk(t.inbox())) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".alice-part")).toList()).isEmpty();
        }
    }
}
