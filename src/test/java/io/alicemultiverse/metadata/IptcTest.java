package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.JpegBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** IPTC-IIM in a JPEG's APP13 (Photoshop 8BIM 0x0404): where some tools store the prompt, as the caption. */
class IptcTest {
    private static final byte[] UTF8 = {0x1B, '%', 'G'};

    @TempDir
    Path dir;

    private Inspection inspect(byte[]... segments) throws IOException {
        Path f = dir.resolve("x.jpg");
        Files.write(f, JpegBuilder.withSegments(16, 8, segments));
        return Inspector.inspect(f, "x.jpg");
    }

    @Test
    void captionIsUtf8WhenRecord1_90SaysSo() throws IOException {
        Inspection i = inspect(JpegBuilder.iptc(1, 90, UTF8, 2, 120, "a castle, ünïcödé ✨".getBytes(StandardCharsets.UTF_8),
                2, 25, "castle".getBytes(StandardCharsets.UTF_8), 2, 25, "hill".getBytes(StandardCharsets.UTF_8)));
        assertThat(i.error()).isNull();
        assertThat(i.raw()).containsEntry("Iptc.Caption-Abstract", "a castle, ünïcödé ✨")
                .containsEntry("Iptc.Keywords", "castle, hill");
    }

    @Test
    void captionIsLatin1WithoutACharset() throws IOException {
        Inspection i = inspect(JpegBuilder.iptc(2, 120, "café".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(i.raw()).containsEntry("Iptc.Caption-Abstract", "café");
        // a caption alone says nothing about AI: a photo agency's caption is no prompt
        assertThat(i.generation().prompt()).isNull();
        assertThat(i.aiGenerated()).isNull();
    }

    @Test
    void captionIsThePromptOfAFileAServiceMade() throws IOException {
        Inspection i = inspect(JpegBuilder.iptc(1, 90, UTF8, 2, 65, "Midjourney".getBytes(StandardCharsets.UTF_8),
                2, 120, "a red fox in snow --ar 16:9 --v 6.1".getBytes(StandardCharsets.UTF_8)));
        assertThat(i.generation().source()).isEqualTo(Source.MIDJOURNEY);
        assertThat(i.generation().prompt()).isEqualTo("a red fox in snow");
        assertThat(i.generation().extra()).containsEntry("ar", "16:9");
    }

    @Test
    void infotextInTheCaptionIsRead() throws IOException {
        Inspection i = inspect(JpegBuilder.iptc(2, 120,
                "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler, Seed: 7, Size: 16x8".getBytes(StandardCharsets.UTF_8)));
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().prompt()).isEqualTo("a cat");
        assertThat(i.generation().seeds()).hasSize(1);
    }

    @Test
    void aTruncatedResourceIsAProblemNotACrash() throws IOException {
        byte[] seg = JpegBuilder.iptc(2, 120, "a long caption that is cut".getBytes(StandardCharsets.UTF_8));
        seg[seg.length - 10] = 0x7F; // the dataset claims far more than the segment holds
        Inspection i = inspect(seg);
        assertThat(i.error()).isNull();
        assertThat(i.width()).isEqualTo(16);
    }

    @Test
    void captionIsThePromptWhenTheDigitalSourceTypeSaysAModelMadeIt() {
        RawMetadata raw = io.alicemultiverse.testsupport.SampleTexts.raw("x.jpg", io.alicemultiverse.media.MediaFormat.JPEG,
                "Xmp.Iptc4xmpExt:DigitalSourceType",
                "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
                "Iptc.Caption-Abstract", "a lighthouse at dusk");
        Inspection i = Inspector.fromRaw("x.jpg", raw);
        assertThat(i.generation().prompt()).isEqualTo("a lighthouse at dusk");
        assertThat(i.generation().extra()).containsEntry("prompt_from", "Iptc.Caption-Abstract");
        assertThat(i.aiGenerated()).isTrue();
    }
}
