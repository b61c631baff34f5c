package io.alicemultiverse.metadata;

import io.alicemultiverse.testsupport.ExifBuilder;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** JPEG XL: the codestream's size header and the container's Exif, xml and Brotli-compressed boxes. */
class JxlReaderTest {
    /** The first bytes of libjxl's codestreams (ffmpeg -c:v libjxl) of a 333×501 and a 64×48 picture. */
    private static final byte[] CODESTREAM_333X501 = HexFormat.of().parseHex("ff0aa00f980e001288020090");
    private static final byte[] CODESTREAM_64X48 = HexFormat.of().parseHex("ff0acb06001288020050015d");
    /** An XMP packet whose dc:description is "a fox in brotli", compressed by the brotli command. */
    private static final byte[] BROTLI_XMP = Base64.getDecoder().decode("oQAKAOAobMpy8T/bENv2VC9yIajJ+Qv9HiSQW+R5ixo8"
            + "R/rgJf4NOrDKVxSR0boTPpi+vhYkh2qr1VZAgbVlBwrlYCEEoSdFCIPxvbTaWCzik6/58pb1xd+KWr4+/uqbikMaqgYOZRrmrHwoU+gUR6Od"
            + "LhIWTBGlIGjg/JeLf2A5a8h+wGGf+aGYUJGTkmlu95FyUxIpNBCBRJxbyUY7S6/zfoOTB5LB4wd85KHHZv0Kf4U41iv5rhb0AYQQEVxCclM"
            + "Epts4HgQ=");

    @TempDir
    Path dir;

    private static byte[] box(String type, byte[] payload) {
        return PngBuilder.concat(ByteBuffer.allocate(8).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).array(), payload);
    }

    private static byte[] container(byte[]... boxes) {
        byte[] signature = box("JXL ", HexFormat.of().parseHex("0d0a870a"));
        byte[] ftyp = box("ftyp", "jxl \0\0\0\0jxl ".getBytes(StandardCharsets.ISO_8859_1));
        return PngBuilder.concat(signature, PngBuilder.concat(ftyp, PngBuilder.concat(boxes)));
    }

    private RawMetadata read(byte[] file) throws IOException {
        Path f = dir.resolve("x.jxl");
        Files.write(f, file);
        return MetadataReader.read(f);
    }

    @Test
    void bareCodestreamGivesTheSize() throws IOException {
        RawMetadata r = read(CODESTREAM_333X501);
        assertThat(r.width()).isEqualTo(333);
        assertThat(r.height()).isEqualTo(501);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void exifAndXmlBoxesAreRead() throws IOException {
        byte[] tiff = ExifBuilder.bigEndian()
                .userCommentUnicode("a cat in a hat\nSteps: 20, Sampler: Euler, Seed: 1", ByteOrder.BIG_ENDIAN).tiff();
        byte[] exif = PngBuilder.concat(new byte[4], tiff); // TIFF header offset 0
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"ComfyUI\"/>"
                + "</rdf:RDF></x:xmpmeta>";
        RawMetadata r = read(container(box("Exif", exif), box("xml ", xmp.getBytes(StandardCharsets.UTF_8)),
                box("jxlc", CODESTREAM_64X48)));
        assertThat(r.width()).isEqualTo(64);
        assertThat(r.height()).isEqualTo(48);
        assertThat(r.get("Exif.UserComment")).startsWith("a cat in a hat");
        assertThat(r.get("Xmp.xmp:CreatorTool")).isEqualTo("ComfyUI");
        Inspection i = Inspector.fromRaw("x.jxl", r);
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().steps()).isEqualTo(20);
    }

    @Test
    void brotliCompressedXmlIsRead() throws IOException {
        byte[] brob = PngBuilder.concat("xml ".getBytes(StandardCharsets.ISO_8859_1), BROTLI_XMP);
        byte[] part = PngBuilder.concat(new byte[4], CODESTREAM_64X48); // jxlp: part index, then the codestream
        RawMetadata r = read(container(box("brob", brob), box("jxlp", part)));
        assertThat(r.get("Xmp.dc:description")).isEqualTo("a fox in brotli");
        assertThat(r.width()).isEqualTo(64);
    }

    @Test
    void damagedBoxesAreProblemsNotCrashes() throws IOException {
        byte[] badBrotli = PngBuilder.concat("Exif".getBytes(StandardCharsets.ISO_8859_1), new byte[]{1, 2, 3, 4, 5});
        byte[] badExif = ByteBuffer.allocate(12).putInt(0x7FFFFFF0).array();
        RawMetadata r = read(container(box("brob", badBrotli), box("Exif", badExif), box("jxlc", new byte[]{-1, 10})));
        assertThat(r.problems()).anyMatch(p -> p.contains("Brotli")).anyMatch(p -> p.contains("TIFF header offset"))
                .anyMatch(p -> p.contains("too short"));
        byte[] whole = container(box("jxlc", CODESTREAM_64X48));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertThat(read(truncated).problems()).anyMatch(p -> p.contains("truncated"));
    }
}
