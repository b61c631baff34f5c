package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.ExifBuilder;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** ImageMagick's {@code Raw profile type …} PNG chunks: what a JPEG converted to PNG keeps of its metadata. */
class RawProfileTest {
    @TempDir
    Path dir;

    /** As ImageMagick writes it: name line, length line, hex in lines of 72 digits. */
    private static String profile(String name, byte[] data) {
        String hex = HexFormat.of().formatHex(data);
        StringBuilder sb = new StringBuilder("\n" + name + "\n" + String.format("%8d", data.length) + "\n");
        for (int i = 0; i < hex.length(); i += 72) {
            sb.append(hex, i, Math.min(hex.length(), i + 72)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void exifXmpAndIptcProfilesAreDecoded() throws IOException {
        byte[] exif = PngBuilder.concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), ExifBuilder.bigEndian()
                .userCommentUnicode("a café at night\nSteps: 20, Sampler: Euler a, Seed: 99", ByteOrder.BIG_ENDIAN).tiff());
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Forge\"/>"
                + "</rdf:RDF></x:xmpmeta>";
        byte[] caption = "im caption ✨".getBytes(StandardCharsets.UTF_8);
        byte[] iptc = PngBuilder.concat(new byte[]{0x1C, 1, 90, 0, 3, 0x1B, '%', 'G', 0x1C, 2, 120, 0, (byte) caption.length},
                caption);
        Path p = dir.resolve("converted.png");
        Files.write(p, PngBuilder.rgb(4, 3).ztxt("Raw profile type exif", profile("exif", exif))
                .ztxt("Raw profile type xmp", profile("xmp", xmp.getBytes(StandardCharsets.UTF_8)))
                .ztxt("Raw profile type iptc", profile("iptc", iptc)).build());
        Inspection i = Inspector.inspect(p, "converted.png");
        assertThat(i.raw()).containsEntry("Xmp.xmp:CreatorTool", "Forge")
                .containsEntry("Iptc.Caption-Abstract", "im caption ✨")
                .doesNotContainKey("Raw profile type exif");
        assertThat(i.generation().prompt()).isEqualTo("a café at night");
        assertThat(i.generation().steps()).isEqualTo(20);
        assertThat(i.warnings()).isEmpty();
    }

    @Test
    void aProfileThatIsNoHexIsAProblem() throws IOException {
        Path p = dir.resolve("odd.png");
        Files.write(p, PngBuilder.rgb(4, 3).text("Raw profile type exif", "\nexif\n 4\nzz zz\n").build());
        Inspection i = Inspector.inspect(p, "odd.png");
        assertThat(i.error()).isNull();
        assertThat(i.warnings()).anyMatch(w -> w.contains("not a hex profile"));
    }
}
