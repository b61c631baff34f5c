package io.alicemultiverse.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectWriteTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryLengthExactlyWhateverTheAlignment() throws IOException {
        int[] lengths = {0, 1, 511, 4095, 4096, 4097, 300_000, 1 << 20, (1 << 20) + 3, 3 << 20};
        boolean anyDirect = false;
        for (int n : lengths) {
            byte[] content = new byte[n];
            new Random(n).nextBytes(content);
            Path f = dir.resolve("f" + n);
            anyDirect |= DirectWrite.create(f, content);
            assertThat(Files.size(f)).as("length %d", n).isEqualTo(n);
            assertThat(Files.readAllBytes(f)).as("content %d", n).isEqualTo(content);
        }
        // on the root filesystems CI uses (ext4, xfs, btrfs) O_DIRECT is taken; report, do not fail, elsewhere
        System.out.println("O_DIRECT used in " + dir + ": " + anyDirect);
    }

    @Test
    void writesOnlyTheBytesBetweenPositionAndLimit() throws IOException {
        byte[] slab = new byte[3 * 4096 + 100];
        new Random(9).nextBytes(slab);
        for (int[] range : new int[][]{{0, 10}, {5, 4096}, {4096, 8192}, {4097, 3 * 4096 + 100}, {7, 7}}) {
            Path f = dir.resolve("slice" + range[0] + "-" + range[1]);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(slab, range[0], range[1] - range[0]);
            DirectWrite.create(f, b);
            assertThat(Files.readAllBytes(f)).isEqualTo(java.util.Arrays.copyOfRange(slab, range[0], range[1]));
            assertThat(b.position()).as("left as it was").isEqualTo(range[0]);
        }
    }

    @Test
    void neverReplacesAnExistingFile() throws IOException {
        Path f = Files.writeString(dir.resolve("taken"), "someone else's");
        assertThatThrownBy(() -> DirectWrite.create(f, new byte[]{1, 2, 3}))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(f)).isEqualTo("someone else's");
    }
}
