package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Truncated and bit-flipped copies of every sample never throw, never hang, and always give one record. */
class RobustnessTest {
    @TempDir
    Path dir;

    private static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.walk(Samples.dir())) {
            List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".json") && !p.toString().endsWith(".md")).sorted().toList());
            assertThat(out).hasSizeGreaterThan(10);
            return out;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void truncatedSamplesNeverThrow() throws IOException {
        int checked = 0;
        for (Path sample : samples()) {
            byte[] b = Files.readAllBytes(sample);
            int step = Math.max(1, b.length / 40);
            for (int len = 0; len < b.length; len += step) {
                Path p = dir.resolve("t-" + sample.getFileName());
                Files.write(p, java.util.Arrays.copyOf(b, len));
                Inspection i = Inspector.inspect(p, p.toString());
                assertThat(i).isNotNull();
                assertThat(i.error() == null || !i.error().startsWith("internal error"))
                        .as("%s truncated to %d: %s", sample.getFileName(), len, i.error()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void flippedBytesNeverThrow() throws IOException {
        Random random = new Random(20261125);
        int checked = 0;
        for (Path sample : samples()) {
            byte[] original = Files.readAllBytes(sample);
            if (original.length == 0) {
                continue;
            }
            for (int round = 0; round < 40; round++) {
                byte[] b = original.clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                Path p = dir.resolve("f-" + sample.getFileName());
                Files.write(p, b);
                Inspection i = Inspector.inspect(p, p.toString());
                assertThat(i.error() == null || !i.error().startsWith("internal error"))
                        .as("%s round %d: %s", sample.getFileName(), round, i.error()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomGarbageWithMagicBytesNeverThrows() throws IOException {
        Random random = new Random(7);
        byte[][] magics = {{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
                {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}, {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'},
                {'G', 'I', 'F', '8', '9', 'a'}};
        for (int round = 0; round < 200; round++) {
            byte[] magic = magics[round % magics.length];
            byte[] b = new byte[magic.length + random.nextInt(4000)];
            random.nextBytes(b);
            System.arraycopy(magic, 0, b, 0, magic.length);
            Path p = dir.resolve("g" + round);
            Files.write(p, b);
            Inspection i = Inspector.inspect(p, p.toString());
            assertThat(i.error() == null || !i.error().startsWith("internal error")).as("%d: %s", round, i.error()).isTrue();
        }
    }

    /**
     * AVIF files whose boxes claim far more than the file has (found by the anyFile fuzz target: a top-level box
     * claiming 1.7 GB, a child of {@code meta} claiming 1.8 GB, an {@code avis} file read by metadata-extractor as
     * QuickTime): its box readers allocate what a box claims before reading it, so they never see HEIF files.
     */
    @Test
    void boxesClaimingMoreThanTheFileHasAllocateNothingLarge() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String seed : List.of("avif-box-claims-1700mb", "avif-meta-child-claims-1800mb", "avis-box-to-end-1gb")) {
            Path file = dir.resolve(seed + ".bin");
            try (java.io.InputStream in = getClass().getResourceAsStream("ContainerFuzzTestInputs/anyFile/" + seed)) {
                Files.write(file, in.readAllBytes());
            }
            MetadataReader.read(file); // classes loaded
            long before = threads.getCurrentThreadAllocatedBytes();
            RawMetadata raw = MetadataReader.read(file);
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).as(seed).isLessThan(16L << 20);
            assertThat(raw.format()).as(seed).isIn(io.alicemultiverse.media.MediaFormat.AVIF,
                    io.alicemultiverse.media.MediaFormat.HEIC);
        }
    }

    /**
     * A small PNG of many compressed chunks, each inflating to tens of MB (a 9 MB file of 300 such chunks held 9 GB
     * of text and ran out of memory): the file's text stops at {@link Limits#MAX_TOTAL_TEXT}, the rest is a warning.
     */
    @Test
    void compressedChunksTogetherInflateToNoMoreThanTheFileLimit() throws IOException {
        String big = "a".repeat(20 * 1024 * 1024);
        io.alicemultiverse.testsupport.PngBuilder png = io.alicemultiverse.testsupport.PngBuilder.rgb(2, 2)
                .text("parameters", "a fox\nSteps: 3, Seed: 9, Sampler: Euler");
        for (int i = 0; i < 8; i++) {
            png.ztxt("k" + i, big);
        }
        Path file = dir.resolve("bombs.png");
        Files.write(file, png.build());
        RawMetadata raw = MetadataReader.read(file);
        long kept = raw.text().values().stream().mapToLong(String::length).sum();
        assertThat(kept).isLessThanOrEqualTo(Limits.MAX_TOTAL_TEXT);
        assertThat(raw.problems()).anyMatch(p -> p.contains("chars of text"));
        assertThat(raw.get("parameters")).startsWith("a fox");
    }
}
