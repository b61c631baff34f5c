package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.ExifBuilder;
import io.alicemultiverse.testsupport.JpegBuilder;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A JPEG cut inside its header segments keeps what was read before the cut and says where it ends. */
class JpegCutTest {
    private static final String INFOTEXT = "a castle on a hill\nNegative prompt: blurry\n"
            + "Steps: 25, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42, Model: dreamshaper_8";

    @TempDir
    Path dir;

    private static byte[] com(String text) {
        return JpegBuilder.segment(0xFE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] exif(ExifBuilder e) {
        return JpegBuilder.segment(0xE1, PngBuilder.concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), e.tiff()));
    }

    private Inspection inspectCut(String name, byte[] jpeg, int length) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, Arrays.copyOf(jpeg, length));
        return Inspector.inspect(p, name);
    }

    @Test
    void aCommentBeforeACutExifSegmentIsKept() throws IOException {
        byte[] com = com(INFOTEXT);
        byte[] app1 = exif(ExifBuilder.bigEndian().ascii(ExifBuilder.SOFTWARE, "GIMP 2.10").ascii(ExifBuilder.MAKE,
                "x".repeat(400)));
        byte[] jpeg = JpegBuilder.withSegments(16, 16, com, app1);
        Inspection i = inspectCut("cut-in-exif.jpg", jpeg, 2 + com.length + app1.length / 2);
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().prompt()).isEqualTo("a castle on a hill");
        assertThat(i.generation().steps()).isEqualTo(25);
        assertThat(i.warnings()).anyMatch(w -> w.contains("inside its APP1 segment"));
        assertThat(i.path()).isEqualTo("cut-in-exif.jpg");
    }

    @Test
    void exifAndACommentBeforeACutAfterThemAreKept() throws IOException {
        byte[] app1 = exif(ExifBuilder.bigEndian().userCommentAscii(INFOTEXT));
        byte[] com = com("made on my laptop");
        byte[] jpeg = JpegBuilder.withSegments(16, 16, app1, com);
        // cut a few bytes into the image's own first segment (JFIF APP0)
        Inspection i = inspectCut("cut-after-com.jpg", jpeg, 2 + app1.length + com.length + 6);
        assertThat(i.generation().prompt()).isEqualTo("a castle on a hill");
        assertThat(i.generation().seeds()).hasSize(1);
        assertThat(i.raw()).containsEntry("Jpeg.Comment", "made on my laptop");
        assertThat(i.warnings()).anyMatch(w -> w.startsWith("JPEG ends at byte"));
    }

    @Test
    void theReadableStartOfACutCommentIsKept() throws IOException {
        byte[] com = com(INFOTEXT);
        byte[] jpeg = JpegBuilder.withSegments(16, 16, com);
        int cut = 2 + com.length - "Seed: 42, Model: dreamshaper_8".length(); // inside the parameters line
        Inspection i = inspectCut("cut-in-com.jpg", jpeg, cut);
        assertThat(i.generation().prompt()).isEqualTo("a castle on a hill");
        assertThat(i.generation().negative()).isEqualTo("blurry");
        assertThat(i.generation().steps()).isEqualTo(25);
        assertThat(i.warnings()).anyMatch(w -> w.contains("inside its COM segment"));
    }

    @Test
    void theCliShowsTheKeptPromptAndTheDamageUnderTheFilesName() throws IOException {
        byte[] com = com(INFOTEXT);
        byte[] app1 = exif(ExifBuilder.bigEndian().ascii(ExifBuilder.MAKE, "x".repeat(400)));
        Path p = dir.resolve("damaged.jpg");
        Files.write(p, Arrays.copyOf(JpegBuilder.withSegments(16, 16, com, app1), 2 + com.length + 100));
        CliRun r = CliRun.run("inspect", "--json", p.toString());
        assertThat(r.out()).contains("\"path\":\"" + p + "\"", "a castle on a hill", "inside its APP1 segment");
    }

    @Test
    void aCutBeforeTheSizeSegmentKeepsThePromptAsAWarningNotAnError() throws IOException {
        byte[] com = com(INFOTEXT);
        byte[] jpeg = JpegBuilder.withSegments(16, 16, com);
        Inspection i = inspectCut("cut-before-sof.jpg", jpeg, 2 + com.length + 6); // inside the JFIF APP0
        assertThat(i.width()).isNull();
        assertThat(i.generation().prompt()).isEqualTo("a castle on a hill");
        assertThat(i.warnings()).anyMatch(w -> w.startsWith("JPEG ends at byte"));
        assertThat(i.error()).isNull();

        // with nothing read before the cut it stays an error
        Inspection bare = inspectCut("bare-cut.jpg", JpegBuilder.withSegments(16, 16), 8);
        assertThat(bare.error()).startsWith("JPEG ends at byte");
    }

    @Test
    void organizeFilesACutJpegWhoseMetadataWasReadAndNamesItInAWarning() throws IOException {
        byte[] com = com(INFOTEXT);
        byte[] jpeg = Arrays.copyOf(JpegBuilder.withSegments(16, 16, com), 2 + com.length + 6);
        io.alicemultiverse.testsupport.TempLibrary t = new io.alicemultiverse.testsupport.TempLibrary(dir);
        Path in = t.inboxFile("p/cut short.jpg", jpeg);
        CliRun r = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(in.toString(), "damaged image, filed as it is", "JPEG ends at byte");
        assertThat(in).exists(); // a copy: the inbox keeps its file
        try (var files = Files.walk(t.library())) {
            Path filed = files.filter(f -> f.toString().endsWith(".jpg")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(filed)).isEqualTo(jpeg);
        }
        assertThat(CliRun.run("search", "castle", "--json", "--library", t.library().toString()).out())
                .contains("a castle on a hill");
    }
}
