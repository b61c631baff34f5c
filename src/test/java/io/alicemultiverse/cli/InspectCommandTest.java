package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.PngBuilder;
import io.alicemultiverse.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> records(CliRun run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.lines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void jsonLinesForEverySampleWithDocumentedKeys() throws IOException {
        CliRun run = CliRun.run("inspect", "--json", Samples.dir().toString());
        List<JsonNode> recs = records(run);
        assertThat(recs).hasSize(16);
        for (JsonNode r : recs) {
            assertThat(r.fieldNames()).toIterable().contains("path", "format", "image", "source", "ai_generated",
                    "prompt", "negative", "prompts", "negatives", "steps", "sampler", "scheduler", "cfg_scale", "seeds",
                    "width", "height", "model", "models", "model_hash", "loras", "extra", "error");
            assertThat(r.has("raw")).isFalse();
        }
        assertThat(run.exit()).as("the zero-byte sample makes the run exit 1").isEqualTo(1);
        assertThat(recs).anySatisfy(r -> assertThat(r.get("error").asText()).contains("zero-byte"));
    }

    @Test
    void exitsZeroWhenEveryFileIsReadAndKeepsGivenPath() throws IOException {
        Path a = Samples.file("AUTOMATIC1111/automatic1111_cropped.png");
        CliRun run = CliRun.run("inspect", "--json", "--raw", a.toString());
        assertThat(run.exit()).isZero();
        JsonNode r = records(run).get(0);
        assertThat(r.get("path").asText()).isEqualTo(a.toString());
        assertThat(r.get("raw").get("parameters").asText()).contains("photo of a duck");
        assertThat(r.get("image").get("width").asInt()).isPositive();
    }

    @Test
    void readableBlockWithoutJson() {
        CliRun run = CliRun.run("inspect", Samples.file("AUTOMATIC1111/automatic1111_cropped.png").toString());
        assertThat(run.out()).contains("source", "automatic1111", "photo of a duck", "seed 235284042");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.run("inspect").exit()).isEqualTo(2);
        assertThat(CliRun.run("inspect", "--bogus", "x").exit()).isEqualTo(2);
        assertThat(CliRun.run("no-such-command").exit()).isEqualTo(2);
    }

    @Test
    void badFilesGetOneRecordEachAndTheRunGoesOn() throws IOException {
        Files.write(dir.resolve("empty.png"), new byte[0]);
        Files.write(dir.resolve("garbage.jpg"), "not an image at all".getBytes());
        Files.write(dir.resolve("good.png"), PngBuilder.rgb(2, 2).text("parameters", "x\nSteps: 3, Seed: 9, Sampler: Euler").build());
        Files.writeString(dir.resolve("notes.md"), "ignored: not media");
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
        CliRun run = CliRun.run("inspect", "--json", dir.toString());
        List<JsonNode> recs = records(run);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(recs).extracting(r -> Path.of(r.get("path").asText()).getFileName().toString())
                .contains("empty.png", "garbage.jpg", "good.png", "loop").doesNotContain("notes.md");
        assertThat(recs).filteredOn(r -> r.get("path").asText().endsWith("good.png"))
                .singleElement().satisfies(r -> assertThat(r.get("error").isNull()).isTrue());
        assertThat(recs).filteredOn(r -> r.get("path").asText().endsWith("loop"))
                .singleElement().satisfies(r -> assertThat(r.get("error").asText()).contains("loop"));
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void neverModifiesFiles() throws IOException {
        Path p = dir.resolve("a.png");
        byte[] bytes = PngBuilder.rgb(2, 2).text("parameters", "x\nSteps: 3").build();
        Files.write(p, bytes);
        var before = Files.getLastModifiedTime(p);
        CliRun.run("inspect", "--json", p.toString());
        assertThat(Files.readAllBytes(p)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(p)).isEqualTo(before);
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void readableBlockEscapesTerminalControlsFoundInTheFile() throws IOException {
        Path p = dir.resolve("escape.png");
        Files.write(p, PngBuilder.rgb(2, 2).text("parameters", "red \u001b[31mcat\u001b]0;title\u0007\n"
                + "Negative prompt: \u009b2J\nSteps: 3, Seed: 9, Sampler: Euler\u001b[5m").build());
        CliRun run = CliRun.run("inspect", "--raw", p.toString());
        assertThat(run.out()).doesNotContain("\u001b", "\u0007", "\u009b")
                .contains("red \\x1b[31mcat\\x1b]0;title\\x07", "\\x9b2J", "sampler Euler\\x1b[5m");
    }
}
