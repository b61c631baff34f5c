package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice understand} names every file it cannot read as an image — a named file in another format, an empty
 * one, a named video, a damaged image inside a folder — and goes on with the rest, exiting 1; it used to drop them
 * without a word and exit 0.
 */
class UnderstandUnreadableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void namedFilesThatAreNotReadableImagesAreReportedAndTheRestUnderstood() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Path good = t.inboxFile("good.png", TempLibrary.png(1));
        Path text = t.inboxFile("notes.png", "hello".getBytes());
        Path empty = t.inboxFile("empty.jpg", new byte[0]);
        String lib = t.library().toString();

        CliRun r = CliRun.run("understand", good.toString(), text.toString(), empty.toString(), "--library", lib);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("alice: " + text + ": not an image alice can read")
                .contains("alice: " + empty + ": an empty file, not an image");
        assertThat(r.out()).contains("1 analysed").contains("2 failed");

        CliRun json = CliRun.run("understand", text.toString(), good.toString(), "--json", "--library", lib);
        assertThat(json.exit()).isEqualTo(1);
        List<JsonNode> lines = json.lines().stream().map(UnderstandUnreadableTest::tree).toList();
        assertThat(lines.get(0).path("path").asText()).isEqualTo(text.toString());
        assertThat(lines.get(0).path("error").asText()).contains("not an image");
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.path("cached").asInt()).isEqualTo(1);
        assertThat(summary.path("failed").asInt()).isEqualTo(1);

        CliRun dry = CliRun.run("understand", text.toString(), good.toString(), "--dry-run", "--library", lib);
        assertThat(dry.exit()).isEqualTo(1);
        assertThat(dry.err()).contains(text.toString());
    }

    @Test
    void insideAFolderADamagedImageIsReportedAndOtherFilesAreSkipped() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a/good.png", TempLibrary.png(1));
        Path damaged = t.inboxFile("a/damaged.png", "not a png at all".getBytes());
        t.inboxFile("a/readme.txt", "notes".getBytes());
        CliRun r = CliRun.run("understand", t.inbox().toString(), "--json", "--library", t.library().toString());
        assertThat(r.exit()).isEqualTo(1);
        Map<String, String> errors = r.lines().stream().map(UnderstandUnreadableTest::tree)
                .filter(n -> n.has("error")).collect(Collectors.toMap(n -> n.get("path").asText(),
                        n -> n.get("error").asText()));
        assertThat(errors).containsOnlyKeys(damaged.toString());
        JsonNode summary = tree(r.lines().get(r.lines().size() - 1));
        assertThat(summary.path("analysed").asInt()).isEqualTo(1);
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(Files.exists(damaged)).isTrue();
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
