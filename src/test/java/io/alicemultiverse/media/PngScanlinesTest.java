package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.SystemLibraries;
import io.alicemultiverse.testsupport.RawPng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole-image path ({@link PngScanlines#readAll}, libdeflate) gives exactly the rows of the streaming one. */
class PngScanlinesTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void libdeflateIsUsedWhereTheSystemHasIt() {
        boolean installed = SystemLibraries.installed("libdeflate.so.0");
        assertThat(Libdeflate.available()).isEqualTo(installed);
    }

    @Test
    void wholeAndStreamingPathsGiveTheSameRowsForSamplesAndEncoderStyles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(io.alicemultiverse.testsupport.Samples.dir())) {
            s.filter(p -> p.toString().endsWith(".png")).forEach(files::add);
        }
        files.add(write("libpng-style.png", RawPng.rgb(Pictures.photo(3, 301, 207, 25), RawPng.ADAPTIVE)));
        files.add(write("one-byte-idats.png", RawPng.build(37, 29, 8, 6, rows(37 * 4, 29), RawPng.CYCLE, null, null, 1)));
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            assertThat(rows(f, true)).as(f.toString()).isEqualTo(rows(f, false));
            assertThat(rowsFromBytes(f)).as(f.toString()).isEqualTo(rows(f, false));
        }
    }

    @Test
    void damagedDataFallsBackToTheRowsBeforeTheDamage() throws IOException {
        byte[] png = RawPng.rgb(Pictures.photo(4, 200, 160, 30), RawPng.ADAPTIVE);
        Path cut = write("cut.png", Arrays.copyOf(png, png.length * 95 / 100));
        byte[] flipped = png.clone();
        flipped[png.length * 2 / 3] ^= 0x5A;
        Path corrupt = write("corrupt.png", flipped);
        for (Path f : List.of(cut, corrupt)) {
            String streaming = rows(f, false);
            assertThat(rows(f, true)).as(f.toString()).isEqualTo(streaming);
            assertThat(rowsFromBytes(f)).as(f.toString()).isEqualTo(streaming);
        }
        assertThat(count(cut, true)).isBetween(100, 159);
    }

    @Test
    void aSinkCanStopEarlyInEitherPath() throws IOException {
        Path f = write("stop.png", RawPng.rgb(Pictures.photo(5, 64, 64, 10), RawPng.ADAPTIVE));
        for (boolean whole : new boolean[]{true, false}) {
            int[] seen = {0};
            int got = read(f, whole, (row, y) -> ++seen[0] < 5);
            assertThat(got).isEqualTo(5);
            assertThat(seen[0]).isEqualTo(5);
        }
    }

    private static byte[][] rows(int bytes, int h) {
        byte[][] rows = new byte[h][bytes];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < bytes; i++) {
                rows[y][i] = (byte) (i * 7 + y * 3 + (i * y) % 11);
            }
        }
        return rows;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static int read(Path f, boolean whole, PngScanlines.Sink sink) throws IOException {
        return whole ? PngScanlines.readAll(f, sink) : PngScanlines.read(f, sink);
    }

    private static int count(Path f, boolean whole) throws IOException {
        return read(f, whole, (row, y) -> true);
    }

    /** {@link #rows(Path, boolean)} through the entry point for bytes already in memory. */
    private static String rowsFromBytes(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        return rows(f, sink -> PngScanlines.readAll(bytes, sink));
    }

    private interface Reader {
        int read(PngScanlines.Sink sink) throws IOException;
    }

    private static String rows(Path f, boolean whole) {
        return rows(f, sink -> read(f, whole, sink));
    }

    /** Row count and a digest of every row, or the error. */
    private static String rows(Path f, Reader reader) {
        MessageDigest md = ContentHash.newDigest();
        try {
            int n = reader.read((row, y) -> {
                md.update(row, 1, row.length - 1);
                return true;
            });
            return n + " " + HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "error " + e.getMessage();
        }
    }
}
