package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.JpegBuilder;
import io.alicemultiverse.testsupport.JumbfBuilder;
import io.alicemultiverse.testsupport.PngBuilder;
import io.alicemultiverse.testsupport.WebpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** C2PA manifests embedded in each container reach the inspection, and name the service. */
class C2paContainersTest {
    private static final String AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    private static final String CAMERA = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture";

    @TempDir
    Path dir;

    private Inspection inspect(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return Inspector.inspect(p, name);
    }

    @Test
    void pngCabxChunkFromChatGptIsOpenAi() throws IOException {
        byte[] store = JumbfBuilder.manifestStore("ChatGPT", "GPT-4o", AI);
        Inspection i = inspect("a.png", PngBuilder.rgb(4, 4).chunk("caBX", store).build());
        assertThat(i.generation().source()).isEqualTo(Source.OPENAI);
        assertThat(i.aiGenerated()).isTrue();
        assertThat(InspectionJson.of(i, false).extra()).asString().contains("c2pa");
    }

    @Test
    void jpegApp11FromFireflyIsFirefly() throws IOException {
        byte[] store = JumbfBuilder.manifestStore("Adobe_Illustrator/28.0 adobe_c2pa/0.7.6", "Adobe Firefly", AI);
        List<byte[]> packets = JumbfBuilder.app11Packets(store, 1, 200);
        byte[][] segments = packets.stream().map(p -> JpegBuilder.segment(0xEB, p)).toArray(byte[][]::new);
        Inspection i = inspect("a.jpg", JpegBuilder.withSegments(8, 8, segments));
        assertThat(i.generation().source()).isEqualTo(Source.FIREFLY);
        assertThat(i.c2pa().softwareAgents()).contains("Adobe Firefly");
    }

    @Test
    void webpC2paChunkFromGoogleIsGoogle() throws IOException {
        byte[] store = JumbfBuilder.manifestStore("Google C2PA Core Generator Library", "Imagen", AI);
        Inspection i = inspect("a.webp", WebpBuilder.create(8, 8).chunk("C2PA", store).build());
        assertThat(i.generation().source()).isEqualTo(Source.GOOGLE);
        assertThat(i.aiGenerated()).isTrue();
    }

    @Test
    void cameraCaptureIsNotAiGenerated() throws IOException {
        byte[] store = JumbfBuilder.manifestStore("Leica Camera AG", "M11-P", CAMERA);
        Inspection i = inspect("photo.jpg", PngBuilder.rgb(4, 4).chunk("caBX", store).build());
        assertThat(i.generation().source()).isEqualTo(Source.UNKNOWN);
        assertThat(i.aiGenerated()).isFalse();
    }

    /** A top-level ISO BMFF {@code uuid} box holding {@code store} as C2PA embeds it: purpose "manifest", offset 0. */
    private static byte[] c2paUuidBox(byte[] store) {
        byte[] uuid = HexFormat.of().parseHex("d8fec3d61b0e483c92975828877ec481");
        byte[] purpose = "manifest\0".getBytes(StandardCharsets.US_ASCII);
        int size = 8 + 16 + 4 + purpose.length + 8 + store.length;
        return ByteBuffer.allocate(size).putInt(size).put("uuid".getBytes(StandardCharsets.US_ASCII)).put(uuid)
                .putInt(0).put(purpose).putLong(0).put(store).array();
    }

    @Test
    void mp4UuidBoxFromSoraIsOpenAi() throws Exception {
        assumeTrue(io.alicemultiverse.media.Ffprobe.isAvailable(), "ffmpeg not installed (.ci/run installs it)");
        Path mp4 = dir.resolve("sora.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=64x48:rate=10:duration=1", "-pix_fmt", "yuv420p", mp4.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        byte[] store = JumbfBuilder.manifestStore("OpenAI-API c2pa-rs/0.49.5", "Sora", AI);
        Files.write(mp4, c2paUuidBox(store), java.nio.file.StandardOpenOption.APPEND);
        Inspection i = Inspector.inspect(mp4, "sora.mp4");
        assertThat(i.width()).isEqualTo(64);
        assertThat(i.generation().source()).isEqualTo(Source.OPENAI);
        assertThat(i.aiGenerated()).isTrue();
    }

    @Test
    void avifUuidBoxFromGoogleIsGoogle() throws IOException {
        byte[] store = JumbfBuilder.manifestStore("Google C2PA Core Generator Library", "Imagen", AI);
        byte[] ftyp = HexFormat.of().parseHex("0000001466747970617669660000000061766966");
        byte[] meta = HexFormat.of().parseHex("0000001c6d65746100000000" + "0000001069707270" + "000000086970636f");
        Inspection i = inspect("imagen.avif", PngBuilder.concat(ftyp, meta, c2paUuidBox(store)));
        assertThat(i.generation().source()).isEqualTo(Source.GOOGLE);
        assertThat(i.aiGenerated()).isTrue();
    }
}
