package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Formats read through metadata-extractor's generic dispatch, built byte by byte as their writers do. */
class GenericReaderTest {
    @TempDir
    Path dir;

    /** A 1 × 1 GIF89a with a Comment Extension (as Pillow's {@code comment=} writes it) before the image. */
    private static byte[] gifWithComment(String comment) {
        HexFormat hex = HexFormat.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex.parseHex("474946383961" + "01000100" + "800000" + "000000ffffff"));
        out.writeBytes(new byte[]{0x21, (byte) 0xfe});
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < text.length; i += 255) {
            int n = Math.min(255, text.length - i);
            out.write(n);
            out.write(text, i, n);
        }
        out.write(0);
        out.writeBytes(hex.parseHex("2c000000000100010000" + "0202440100" + "3b"));
        return out.toByteArray();
    }

    @Test
    void readsA1111InfotextFromAGifComment() throws IOException {
        // AnimateDiff for A1111 saves its GIF with the infotext as the GIF comment
        String infotext = "a cat dancing\nNegative prompt: ugly\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 123, "
                + "Size: 512x512, Model: toonyou_beta6, AnimateDiff: \"model: mm_sd15_v3.safetensors\"";
        Path gif = dir.resolve("dance.gif");
        Files.write(gif, gifWithComment(infotext));
        Inspection i = Inspector.inspect(gif, gif.toString());
        assertThat(i.format()).isEqualTo(MediaFormat.GIF);
        assertThat(i.raw()).containsEntry("Gif.Comment", infotext);
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().prompt()).isEqualTo("a cat dancing");
        assertThat(i.generation().negative()).isEqualTo("ugly");
        assertThat(i.generation().steps()).isEqualTo(20);
        assertThat(i.generation().seeds()).extracting(Object::toString).containsExactly("123");
        assertThat(i.generation().model()).isEqualTo("toonyou_beta6");
    }

    @Test
    void aGifCommentIsUtf8() throws IOException {
        Path gif = dir.resolve("café.gif");
        Files.write(gif, gifWithComment("a café at night ✨\nSteps: 20, Seed: 9, Sampler: Euler"));
        Inspection i = Inspector.inspect(gif, gif.toString());
        assertThat(i.generation().prompt()).isEqualTo("a café at night ✨");
    }
}
