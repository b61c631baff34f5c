package io.alicemultiverse.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Folders inside {@code .alice/} and private caches are 0700 from creation; the library's own folders are not. */
class FoldersTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void foldersInsideTheLibrarysPrivateFolderAreOwnerOnly() throws Exception {
        Path lib = tmp.resolve("lib");
        Folders.create(lib.resolve(".alice/trash/run-1/2026-01-01/acme"));
        assertThat(mode(lib.resolve(".alice"))).isEqualTo("rwx------");
        assertThat(mode(lib.resolve(".alice/trash"))).isEqualTo("rwx------");
        assertThat(mode(lib.resolve(".alice/trash/run-1/2026-01-01/acme"))).isEqualTo("rwx------");
        // the library's own folders follow the umask (readable by whoever the user shares the library with)
        assertThat(mode(lib)).isNotEqualTo("rwx------");
        Folders.create(lib.resolve("2026-01-01/acme"));
        assertThat(mode(lib.resolve("2026-01-01"))).isEqualTo(mode(lib));
    }

    @Test
    void aLibraryUnderSomeOtherDotAliceFolderKeepsItsOwnFoldersOpenAndOnlyItsOwnPrivateFolderNarrow() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".alice/lib/.alice")); // ~/.alice/lib, a library that has a catalog
        Files.writeString(home.resolve(".alice/lib/.alice/catalog.duckdb"), "");
        Path lib = home.resolve(".alice/lib");
        Folders.create(lib.resolve("2026-01-01/acme/midjourney"));
        assertThat(mode(lib.resolve("2026-01-01"))).isEqualTo(mode(lib)).isNotEqualTo("rwx------");
        assertThat(mode(lib.resolve("2026-01-01/acme/midjourney"))).isEqualTo(mode(lib));
        Folders.create(lib.resolve(".alice/thumbs/ab"));
        assertThat(mode(lib.resolve(".alice/thumbs"))).isEqualTo("rwx------");
        assertThat(mode(lib.resolve(".alice/thumbs/ab"))).isEqualTo("rwx------");
        Files.createDirectories(tmp.resolve("shared/.alice")); // a shared-catalog library: the pointer marks it
        Files.writeString(tmp.resolve("shared/.alice/catalog.url"), "postgresql://h/db");
        Folders.create(tmp.resolve("shared/.alice/video/partial"));
        assertThat(mode(tmp.resolve("shared/.alice/video"))).isEqualTo("rwx------");
    }

    @Test
    void aPrivateCacheIsOwnerOnlyAndAnOlderWiderOneIsNarrowed() throws Exception {
        Path cache = tmp.resolve("cache/alice/search/abc/lexical");
        Folders.privately(cache);
        assertThat(mode(tmp.resolve("cache/alice"))).isEqualTo("rwx------");
        assertThat(mode(cache)).isEqualTo("rwx------");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
        Folders.narrow(cache);
        assertThat(mode(cache)).isEqualTo("rwx------");
    }
}
