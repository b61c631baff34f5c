package io.alicemultiverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.Peers;
import io.alicemultiverse.testsupport.Samples;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organize inspects a file from the bytes it read once (and hashes and copies): every real file, whole and cut short,
 * reads the same from those bytes as from disk.
 */
class InspectFromBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Path> files() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path dir : List.of(Samples.dir(), Peers.dir())) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".json"))
                        .filter(p -> !p.getFileName().toString().endsWith(".txt")).sorted().forEach(all::add);
            }
        }
        assertThat(all).hasSizeGreaterThan(60);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsTheSameFromItsBytesAsFromDisk(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertSame(file, bytes);
        // cut short (a download that stopped): a file holding only those bytes, against the bytes themselves
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        Path part = tmp.resolve(file.getFileName().toString());
        Files.write(part, cut);
        assertSame(part, cut);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsOnlyTheBufferBetweenItsPositionAndLimit(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] padded = new byte[bytes.length + 64];
        System.arraycopy(bytes, 0, padded, 32, bytes.length);
        Arrays.fill(padded, 0, 32, (byte) 0x89);
        Arrays.fill(padded, 32 + bytes.length, padded.length, (byte) 0xFF);
        ByteBuffer view = ByteBuffer.wrap(padded, 32, bytes.length);
        assertThat(json(Inspector.inspect(file, "f", view))).isEqualTo(json(Inspector.inspect(file, "f")));
        assertThat(view.position()).as("the caller's buffer is not moved").isEqualTo(32);
    }

    private static void assertSame(Path file, byte[] bytes) {
        JsonNode fromDisk = json(Inspector.inspect(file, "f"));
        JsonNode fromBytes = json(Inspector.inspect(file, "f", ByteBuffer.wrap(bytes)));
        assertThat(fromBytes).as(file.toString()).isEqualTo(fromDisk);
    }

    private static JsonNode json(Inspection inspection) {
        return JSON.valueToTree(InspectionJson.of(inspection, true));
    }
}
