package io.alicemultiverse.library;

import io.alicemultiverse.app.LibraryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** A library an older alice left with 0755 folders and 0644 files in {@code .alice/} is narrowed when opened. */
class OlderPrivateFoldersTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static void set(Path p, String mode) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private static Path file(Path p, String mode) throws Exception {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[]{1});
        set(p, mode);
        return p;
    }

    @Test
    void foldersAndFilesAnOlderAliceLeftWideAreNarrowedOnOpenButTrashedFilesKeepTheirMode() throws Exception {
        Path lib = tmp.resolve("lib");
        LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemDefaultZone()).close();
        Path alice = lib.resolve(".alice");
        // as an older alice left them
        Path thumb = file(alice.resolve("thumbs/ab/abcdef.jpg"), "rw-r--r--");
        Path temp = file(alice.resolve("tmp/run-1.part"), "rw-r--r--");
        Path manifest = file(alice.resolve("trash/run-1/manifest.json"), "rw-r--r--");
        Path trashed = file(alice.resolve("trash/run-1/2026-01-01/fox.png"), "rw-r--r--");
        for (String d : new String[]{"thumbs", "thumbs/ab", "tmp", "trash", "trash/run-1", "trash/run-1/2026-01-01"}) {
            set(alice.resolve(d), "rwxr-xr-x");
        }

        LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemDefaultZone()).close();
        for (String d : new String[]{"thumbs", "thumbs/ab", "tmp", "trash", "trash/run-1", "trash/run-1/2026-01-01"}) {
            assertThat(mode(alice.resolve(d))).as(d).isEqualTo("rwx------");
        }
        assertThat(mode(thumb)).isEqualTo("rw-------");
        assertThat(mode(temp)).isEqualTo("rw-------");
        assertThat(mode(manifest)).isEqualTo("rw-------");
        assertThat(mode(trashed)).as("the user's own file, restored by undo as it was").isEqualTo("rw-r--r--");

        // once: below a top folder already 0700 nothing is walked again (and nothing there is reachable by others)
        set(alice.resolve("thumbs/ab"), "rwxr-xr-x");
        LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemDefaultZone()).close();
        assertThat(mode(alice.resolve("thumbs/ab"))).isEqualTo("rwxr-xr-x");
    }
}
