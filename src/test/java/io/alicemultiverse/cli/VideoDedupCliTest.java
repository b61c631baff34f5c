package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.media.Ffprobe;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Video near-duplicates end to end (needs ffmpeg; CI installs it): a clip, the same clip re-encoded smaller at a
 * lower quality in another codec, and an unrelated clip are organized; {@code dedup} groups the first two as near
 * (by their keyframes) and leaves the third out, and {@code similar} finds each twin from the other.
 */
class VideoDedupCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void reEncodedClipIsANearDuplicateAndAnUnrelatedOneIsNot() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        TempLibrary t = new TempLibrary(tmp);
        Path made = Files.createDirectories(tmp.resolve("made"));
        Path original = made.resolve("waves.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=duration=4:size=320x240:rate=10", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-crf", "18", original.toString());
        Path twin = made.resolve("waves-small.mp4");
        Ffmpeg.run("-i", original.toString(), "-vf", "scale=160:120", "-c:v", "mpeg4", "-q:v", "8",
                twin.toString());
        Path other = made.resolve("fractal.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=10", "-t", "4", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-crf", "18", other.toString());
        t.inboxFile("clips/waves.mp4", Files.readAllBytes(original));
        t.inboxFile("clips/waves-small.mp4", Files.readAllBytes(twin));
        t.inboxFile("clips/fractal.mp4", Files.readAllBytes(other));
        CliRun organized = alice(t, "organize", "--inbox", t.inbox().toString(), "--json");
        assertThat(organized.exit()).as(organized.out() + organized.err()).isZero();

        CliRun dedup = alice(t, "dedup", "--json");
        assertThat(dedup.exit()).as(dedup.err()).isZero();
        assertThat(dedup.lines()).as(dedup.out()).hasSize(1);
        JsonNode group = JSON.readTree(dedup.lines().get(0));
        assertThat(group.get("kind").asText()).isEqualTo("near");
        assertThat(group.get("members")).hasSize(2);
        List<String> paths = new ArrayList<>();
        group.get("members").forEach(m -> paths.add(m.get("path").asText()));
        assertThat(paths).allMatch(p -> p.endsWith(".mp4")).noneMatch(p -> p.contains("fractal"));
        String keep = group.get("keep").asText();
        String small = paths.stream().filter(p -> !p.equals(keep)).findFirst().orElseThrow();
        assertThat(group.get("reason").asText()).isEqualTo("most pixels"); // the 320×240 original is kept
        // the keyframes were decoded once and cached: a second run answers the same
        assertThat(t.library().resolve(".alice/cache/video-frames-2.json")).isRegularFile();
        assertThat(alice(t, "dedup", "--json").out()).isEqualTo(dedup.out());

        CliRun similar = alice(t, "similar", t.library().resolve(keep).toString(), "--json");
        assertThat(similar.exit()).as(similar.err()).isZero();
        assertThat(similar.lines()).hasSize(1);
        assertThat(JSON.readTree(similar.lines().get(0)).get("path").asText()).isEqualTo(small);
        // the re-encoded file outside the library finds the original (its own catalogued copy is left out)
        CliRun back = alice(t, "similar", twin.toString(), "--json");
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.lines()).hasSize(1);
        assertThat(JSON.readTree(back.lines().get(0)).get("path").asText()).isEqualTo(keep);
    }

    private static CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }
}
