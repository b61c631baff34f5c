package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.testsupport.Pictures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Intact files against the same files cut short, one format at a time. */
class FileCompletenessTest {
    @TempDir
    Path tmp;

    private final BufferedImage picture = Pictures.photo(3, 300, 200, 6);

    private byte[] encode(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture, format, out)).isTrue();
        return out.toByteArray();
    }

    private boolean complete(String name, byte[] bytes) throws IOException {
        return FileCompleteness.complete(Files.write(tmp.resolve(name), bytes));
    }

    @Test
    void pngIsCompleteOnlyWithItsWholeIendChunk() throws IOException {
        byte[] png = encode("png");
        assertThat(complete("a.png", png)).isTrue();
        assertThat(complete("b.png", Arrays.copyOf(png, png.length - 4))).isFalse(); // IEND's CRC cut
        assertThat(complete("c.png", Arrays.copyOf(png, png.length - 300))).isFalse();
        assertThat(complete("d.png", Arrays.copyOf(png, 40))).isFalse();
    }

    @Test
    void jpegIsCompleteWithItsEndMarkerEvenWhenDataFollows() throws IOException {
        byte[] jpeg = encode("jpeg");
        assertThat(complete("a.jpg", jpeg)).isTrue();
        byte[] trailer = Arrays.copyOf(jpeg, jpeg.length + 5000); // appended data, as in a motion photo
        Arrays.fill(trailer, jpeg.length, trailer.length, (byte) 0x5A);
        assertThat(complete("b.jpg", trailer)).isTrue();
        assertThat(complete("c.jpg", Arrays.copyOf(jpeg, jpeg.length - 2))).isFalse();
        assertThat(complete("d.jpg", Arrays.copyOf(jpeg, jpeg.length / 2))).isFalse();
        byte[] padded = Arrays.copyOf(Arrays.copyOf(jpeg, jpeg.length / 2), jpeg.length); // zeros where data was
        assertThat(complete("e.jpg", padded)).isFalse();
    }

    @Test
    void gifIsCompleteWithItsTrailer() throws IOException {
        byte[] gif = encode("gif");
        assertThat(complete("a.gif", gif)).isTrue();
        assertThat(complete("b.gif", Arrays.copyOf(gif, gif.length - 1))).isFalse();
        assertThat(complete("c.gif", Arrays.copyOf(gif, gif.length / 2))).isFalse();
    }

    @Test
    void webpAndMp4AreCompleteWhenTheirHeadersCoverTheFile() throws Exception {
        Assumptions.assumeTrue(Ffprobe.isAvailable(), "ffmpeg is not installed");
        Path png = Files.write(tmp.resolve("src.png"), encode("png"));
        Path webp = tmp.resolve("a.webp");
        Ffmpeg.webp(png, webp, 80);
        Path mp4 = tmp.resolve("a.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "1", "-pix_fmt", "yuv420p",
                mp4.toString());
        for (Path file : new Path[]{webp, mp4}) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(FileCompleteness.complete(file)).as(file.toString()).isTrue();
            assertThat(complete("cut-" + file.getFileName(), Arrays.copyOf(bytes, bytes.length - 100)))
                    .as(file.toString()).isFalse();
        }
    }

    @Test
    void emptyMissingAndUnknownFiles() throws IOException {
        assertThat(complete("empty.png", new byte[0])).isFalse();
        assertThat(FileCompleteness.complete(tmp.resolve("missing.png"))).isFalse();
        assertThat(complete("notes.txt", "plain text".getBytes())).isTrue();
    }
}
