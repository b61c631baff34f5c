package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.JpegBuilder;
import io.alicemultiverse.testsupport.JumbfBuilder;
import io.alicemultiverse.testsupport.PngBuilder;
import io.alicemultiverse.testsupport.WebpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}
