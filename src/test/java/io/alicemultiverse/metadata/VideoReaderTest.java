package io.alicemultiverse.metadata;

import io.alicemultiverse.media.Ffprobe;
import io.alicemultiverse.media.MediaFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Videos made by ffmpeg (installed by .ci/run) with ComfyUI-style container tags. */
class VideoReaderTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsFfmpeg() {
        assumeTrue(Ffprobe.isAvailable(), "ffmpeg/ffprobe not installed (.ci/run installs it)");
    }

    private static Path make(String name, String... metadata) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=96x64:rate=10:duration=1"));
        for (String m : metadata) {
            cmd.add("-metadata");
            cmd.add(m);
        }
        if (name.endsWith(".webm")) {
            cmd.addAll(List.of("-c:v", "libvpx-vp9", "-b:v", "100k"));
        } else {
            cmd.addAll(List.of("-pix_fmt", "yuv420p"));
        }
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    @Test
    void readsComfyUiPromptFromMp4Comment() throws Exception {
        String graph = "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":77,\"steps\":9,\"cfg\":6,"
                + "\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"positive\":[\"6\",0],\"negative\":[\"7\",0],"
                + "\"model\":[\"4\",0]}},\"4\":{\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"wan.safetensors\"}},"
                + "\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"a fox running\"}},"
                + "\"7\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"blurry\"}}}";
        String comment = "{\"prompt\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(graph) + "}";
        Path mp4 = make("clip.mp4", "comment=" + comment, "creation_time=2026-11-20T10:00:00Z");
        Inspection i = Inspector.inspect(mp4, "clip.mp4");
        assertThat(i.format()).isEqualTo(MediaFormat.MP4);
        assertThat(i.width()).isEqualTo(96);
        assertThat(i.height()).isEqualTo(64);
        assertThat((Double) i.video().get("duration")).isBetween(0.9, 1.2);
        assertThat(i.video().get("creation_time")).asString().startsWith("2026-11-20");
        assertThat(i.generation().source()).isEqualTo(Source.COMFYUI);
        assertThat(i.generation().prompt()).isEqualTo("a fox running");
        assertThat(i.generation().seeds()).extracting(Object::toString).containsExactly("77");
    }

    @Test
    void readsMovAndWebmContainers() throws Exception {
        assertThat(Inspector.inspect(make("a.mov"), "a.mov").format()).isEqualTo(MediaFormat.MOV);
        Inspection webm = Inspector.inspect(make("a.webm"), "a.webm");
        assertThat(webm.format()).isEqualTo(MediaFormat.WEBM);
        assertThat(webm.width()).isEqualTo(96);
        assertThat(webm.error()).isNull();
    }

    @Test
    void readsA1111InfotextFromMp4AndWebmComment() throws Exception {
        // AnimateDiff for A1111 sets the container's Comment to the infotext (PyAV), in MP4 and in WebM
        String infotext = "a drone shot over misty mountains\nNegative prompt: blurry\n"
                + "Steps: 30, Sampler: Euler a, CFG scale: 5, Seed: 77, Size: 512x320, Model: dreamshaper_8";
        for (String name : List.of("animatediff.mp4", "animatediff.webm")) {
            Inspection i = Inspector.inspect(make(name, "comment=" + infotext), name);
            assertThat(i.generation().source()).as(name).isEqualTo(Source.AUTOMATIC1111);
            assertThat(i.generation().prompt()).as(name).isEqualTo("a drone shot over misty mountains");
            assertThat(i.generation().negative()).as(name).isEqualTo("blurry");
            assertThat(i.generation().steps()).as(name).isEqualTo(30);
            assertThat(i.generation().seeds()).as(name).extracting(Object::toString).containsExactly("77");
            assertThat(i.generation().model()).as(name).isEqualTo("dreamshaper_8");
        }
    }
}
