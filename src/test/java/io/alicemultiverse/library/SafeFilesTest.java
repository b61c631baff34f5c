package io.alicemultiverse.library;

import io.alicemultiverse.media.ContentHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two ways a copy reaches the library: written from the hashed bytes, or copied and hashed again. */
class SafeFilesTest {
    @TempDir
    Path dir;

    private Path source(byte[] content) throws IOException {
        Path s = Files.write(dir.resolve("inbox.png"), content);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(s, FileTime.fromMillis(1_700_000_000_000L));
        return s;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void writeFromHashedBytesKeepsContentTimeAndPermissionsAndLeavesNoTemporaryFile() throws IOException {
        byte[] content = bytes(300_000);
        Path source = source(content);
        Path target = dir.resolve("lib/2026/a.png");
        Path tmp = dir.resolve("lib/.alice/tmp/r-1.part");
        SafeFiles.write(content, source, target, tmp);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(tmp).doesNotExist();
        assertThat(Files.readAllBytes(source)).isEqualTo(content);
    }

    @Test
    void writeNeverReplacesAFileAlreadyAtTheTarget() throws IOException {
        byte[] content = bytes(1000);
        Path source = source(content);
        Path target = Files.createDirectories(dir.resolve("lib")).resolve("taken.png");
        Files.writeString(target, "someone else's");
        Path tmp = dir.resolve("lib/.alice/tmp/r-2.part");
        assertThatThrownBy(() -> SafeFiles.write(content, source, target, tmp))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(target)).isEqualTo("someone else's");
        assertThat(tmp).doesNotExist();
    }

    @Test
    void copyVerifiesTheHashAndPlacesNothingWhenTheSourceChanged() throws IOException {
        byte[] content = bytes(5000);
        Path source = source(content);
        Path tmp = dir.resolve("lib/.alice/tmp/r-3.part");
        Path good = dir.resolve("lib/good.png");
        SafeFiles.copy(source, good, ContentHash.of(content), tmp);
        assertThat(Files.readAllBytes(good)).isEqualTo(content);

        Path bad = dir.resolve("lib/bad.png");
        String staleHash = ContentHash.of(bytes(4999)); // as if the file changed after it was hashed
        assertThatThrownBy(() -> SafeFiles.copy(source, bad, staleHash, tmp))
                .isInstanceOf(IOException.class).hasMessageContaining("content changed while organizing");
        assertThat(bad).doesNotExist();
        assertThat(tmp).doesNotExist();
    }
}
