package io.alicemultiverse.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentSlabTest {
    @TempDir
    Path dir;

    private Path file(String name, int length, long seed) throws IOException {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void eachFileReadsIntoItsOwnSliceAndHashesAsTheFileDoes() throws IOException {
        Path a = file("a", 300_001, 1);
        Path b = file("b", 4096, 2);
        Path c = file("c", 0, 3);
        ContentSlab slab = new ContentSlab();
        slab.reset(300_001 + 4096, 300_001 + 4096);
        ContentSlab.Content ca = slab.slice(300_001).read(a);
        ContentSlab.Content cb = slab.slice(4096).read(b);
        assertThat(bytes(ca.buffer())).isEqualTo(Files.readAllBytes(a));
        assertThat(bytes(cb.buffer())).isEqualTo(Files.readAllBytes(b));
        assertThat(ca.sha256()).isEqualTo(io.alicemultiverse.media.ContentHash.of(a));
        assertThat(cb.toArray()).isEqualTo(Files.readAllBytes(b));
        assertThat(slab.slice(1)).as("no room left").isNull();
        slab.reset(10, 10);
        assertThat(slab.slice(0).read(c).length()).isZero();
    }

    @Test
    void aFileThatGrewPastItsSliceIsNotKeptAndOneThatShrankIsKeptWhole() throws IOException {
        Path grew = file("grew", 5000, 4);
        Path shrank = file("shrank", 100, 5);
        ContentSlab slab = new ContentSlab();
        slab.reset(4999 + 5000, 1 << 20);
        assertThat(slab.slice(4999).read(grew)).as("listed at 4,999 bytes, now 5,000").isNull();
        ContentSlab.Content s = slab.slice(5000).read(shrank);
        assertThat(s.length()).isEqualTo(100);
        assertThat(bytes(s.buffer())).isEqualTo(Files.readAllBytes(shrank));
    }

    @Test
    void aSliceFromBeforeTheSlabWentToAnotherBatchAnswersNothing() throws IOException {
        Path a = file("a", 1000, 6);
        Path b = file("b", 1000, 7);
        ContentSlab slab = new ContentSlab();
        slab.reset(1000, 1000);
        ContentSlab.Slice old = slab.slice(1000);
        ContentSlab.Content first = old.read(a);
        slab.reset(1000, 1000); // the next batch: the same memory
        ContentSlab.Content second = slab.slice(1000).read(b);
        assertThat(bytes(second.buffer())).isEqualTo(Files.readAllBytes(b));
        assertThatThrownBy(first::buffer).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(first::sha256).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> old.read(a)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void growsOnlyWhenABatchNeedsMoreAndThenByHalfWithinTheBudget() {
        ContentSlab slab = new ContentSlab();
        slab.reset(800, 10_000);
        assertThat(slab.slice(1200)).as("half as much again as asked for").isNotNull();
        assertThat(slab.slice(1)).isNull();
        slab.reset(100, 10_000);
        assertThat(slab.slice(1200)).as("kept its size").isNotNull();
        slab.reset(9_000, 10_000);
        assertThat(slab.slice(10_000)).as("within the budget").isNotNull();
        assertThat(slab.slice(1)).isNull();
        assertThatThrownBy(() -> slab.reset(10_001, 10_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
