package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Inbox files whose names are not valid in the file-name encoding (here: Latin-1 bytes on a UTF-8 system, as an old
 * archive leaves them). Their path as text holds a replacement character, so undo would put a moved file back under
 * another name, and two such names spell the same text. Each is refused with a message naming it and stays where it
 * is; the other files are filed.
 */
class UnencodableNameTest {
    @TempDir
    Path tmp;

    /** The inbox's names, as bytes (ISO-8859-1 keeps each byte as one char). */
    private static List<String> rawNames(Path dir) throws Exception {
        Process p = new ProcessBuilder("ls", "-1", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        p.waitFor();
        return out.lines().sorted().toList();
    }

    @Test
    void aNameTheEncodingCannotSpellIsRefusedNamedAndLeftInPlace() throws Exception {
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")), "file names read as UTF-8");
        TempLibrary t = new TempLibrary(tmp);
        Path ok = t.inboxFile("p/ok.png", TempLibrary.png(1));
        Files.write(ok.resolveSibling("src1"), TempLibrary.png(2));
        Files.write(ok.resolveSibling("src2"), TempLibrary.png(3));
        Path dir = ok.getParent();
        Process mv = new ProcessBuilder("sh", "-c", "mv src1 \"$(printf 'caf\\351.png')\" && mv src2 \"$(printf 'caf\\350.png')\"")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(mv.waitFor()).isZero();
        List<String> before = rawNames(dir);
        assertThat(before).containsExactly("caf\u00e8.png", "caf\u00e9.png", "ok.png"); // one byte each: E8, E9

        CliRun run = CliRun.run("organize", "--move", "--inbox", t.inbox().toString(), "--library",
                t.library().toString(), "--json");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        List<JsonNode> lines = run.json();
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("organized").asInt()).isEqualTo(1);
        assertThat(summary.get("duplicates").asInt()).isZero();
        assertThat(summary.get("errors").asInt()).isEqualTo(2);
        assertThat(lines.stream().filter(l -> l.has("error")).map(l -> l.get("error").asText()))
                .hasSize(2).allSatisfy(e -> assertThat(e).contains("not valid", "rename it"));
        assertThat(rawNames(dir)).containsExactly("caf\u00e8.png", "caf\u00e9.png"); // untouched, by their own names
        try (Stream<Path> parked = Files.walk(t.library().resolve(".alice"))) {
            assertThat(parked.filter(p -> p.toString().contains("duplicates")).toList()).isEmpty();
        }

        CliRun undo = CliRun.run("undo", "--library", t.library().toString());
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(rawNames(dir)).isEqualTo(before);
    }
}
