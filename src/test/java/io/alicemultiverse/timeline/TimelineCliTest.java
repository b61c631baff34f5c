package io.alicemultiverse.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.media.Ffprobe;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code alice timeline export} on a real library: videos as long as ffprobe says, stills held, order as asked. */
class TimelineCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void videosLastAsLongAsFfprobeMeasuresAndStillsAsLongAsAsked() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        TempLibrary t = new TempLibrary(tmp);
        Path made = Files.createDirectories(tmp.resolve("made"));
        Path four = made.resolve("four.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=duration=4:size=320x240:rate=24", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", four.toString());
        Path twoHalf = made.resolve("twohalf.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "mandelbrot=size=160x120:rate=24", "-t", "2.5", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", twoHalf.toString());
        t.inboxFile("clips/four.mp4", Files.readAllBytes(four));
        t.inboxFile("clips/twohalf.mp4", Files.readAllBytes(twoHalf));
        t.inboxFile("clips/still.png", TempLibrary.png("a lighthouse at dusk", "m1", 7));
        Path lib = t.library();
        run(lib, "organize", "--inbox", t.inbox().toString());
        List<JsonNode> assets = new ArrayList<>();
        for (String l : run(lib, "search", "--json", "--sort", "oldest").lines()) {
            assets.add(JSON.readTree(l));
        }
        String stillPath = assets.stream().map(a -> a.get("path").asText()).filter(p -> p.endsWith(".png")).findFirst().orElseThrow();
        String fourPath = assets.stream().map(a -> a.get("path").asText()).filter(p -> p.endsWith(".mp4"))
                .filter(p -> seconds(lib.resolve(p)) > 3).findFirst().orElseThrow();
        String shortPath = assets.stream().map(a -> a.get("path").asText()).filter(p -> p.endsWith(".mp4"))
                .filter(p -> !p.equals(fourPath)).findFirst().orElseThrow();

        // manual order: as listed; an EDL read back by the CMX 3600 grammar
        Path edlFile = tmp.resolve("out/cut.edl");
        CliRun r = run(lib, "timeline", "export", shortPath, stillPath, fourPath, "--format", "edl", "--fps", "25",
                "--still-seconds", "2", "-o", edlFile.toString());
        assertThat(r.out()).startsWith("3 clips");
        Cmx3600.Edl edl = Cmx3600.parse(Files.readString(edlFile, StandardCharsets.UTF_8), 25);
        assertThat(edl.events()).extracting(Cmx3600.Event::sourceFile).containsExactly(
                lib.resolve(shortPath).toAbsolutePath().toString(), lib.resolve(stillPath).toAbsolutePath().toString(),
                lib.resolve(fourPath).toAbsolutePath().toString());
        long[] expected = {Math.round(seconds(lib.resolve(shortPath)) * 25), 50, Math.round(seconds(lib.resolve(fourPath)) * 25)};
        assertThat(expected[0]).isEqualTo(63); // 2.5 s at 25 fps, as ffprobe itself reports
        long record = 3600L * 25;
        for (int i = 0; i < 3; i++) {
            Cmx3600.Event e = edl.events().get(i);
            assertThat(e.sourceOut() - e.sourceIn()).isEqualTo(expected[i]);
            assertThat(e.recordIn()).isEqualTo(record);
            assertThat(e.recordOut()).isEqualTo(e.recordIn() + expected[i]);
            record = e.recordOut();
        }
        assertThat(edl.events().get(1).comment()).isEqualTo("a lighthouse at dusk");

        // created order and OTIO: the same clips by creation date
        Path otio = tmp.resolve("cut.otio");
        run(lib, "timeline", "export", "--format", "otio", "-o", otio.toString());
        JsonNode clips = JSON.readTree(otio.toFile()).at("/tracks/children/0/children");
        assertThat(clips).hasSize(3);
        List<String> created = new ArrayList<>();
        for (JsonNode a : assets) {
            created.add(lib.resolve(a.get("path").asText()).toAbsolutePath().toUri().toString());
        }
        List<String> urls = new ArrayList<>();
        clips.forEach(c -> urls.add(c.at("/media_references/DEFAULT_MEDIA/target_url").asText()));
        assertThat(urls).containsExactlyElementsOf(created);

        // a query: only its matches
        Path fcp = tmp.resolve("cut.fcpxml");
        assertThat(run(lib, "timeline", "export", "--query", "lighthouse", "--format", "fcpxml", "-o", fcp.toString())
                .out()).startsWith("1 clip,");
        assertThat(Files.readString(fcp)).contains("<video ").doesNotContain("<asset-clip");
    }

    @Test
    void badSettingsAreUsageErrors() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("x", "m", 1));
        run(t.library(), "organize", "--inbox", t.inbox().toString());
        Path out = tmp.resolve("x.edl");
        for (String[] bad : List.of(new String[]{"--format", "aaf"}, new String[]{"--format", "edl", "--fps", "0"},
                new String[]{"--format", "edl", "--order", "random"},
                new String[]{"--format", "edl", "--still-seconds", "-1"}, new String[]{"--format", "edl", "ffffffffffff"})) {
            List<String> args = new ArrayList<>(List.of("timeline", "export", "-o", out.toString(), "--library",
                    t.library().toString()));
            args.addAll(List.of(bad));
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(2);
        }
        assertThat(out).doesNotExist();
    }

    /** The length ffprobe reports, asked directly (not through alice). */
    private static double seconds(Path file) {
        try {
            Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                    "default=noprint_wrappers=1:nokey=1", file.toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CliRun run(Path lib, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(lib.toString());
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
