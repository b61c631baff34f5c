package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** EXIF and XMP items of AVIF files laid out as Pillow/libheif and exiftool write them. */
class HeifItemsTest {
    private static final String INFOTEXT = "a lighthouse at dusk\nNegative prompt: blurry\n"
            + "Steps: 24, Sampler: DPM++ 2M, CFG scale: 6, Seed: 4242, Size: 1024x768, Model: juggernautXL";

    @TempDir
    Path dir;

    private static byte[] box(String type, byte[]... payload) {
        byte[] p = PngBuilder.concat(payload);
        return ByteBuffer.allocate(8 + p.length).putInt(8 + p.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(p).array();
    }

    /** A big-endian TIFF: IFD0 pointing to an Exif IFD whose UserComment is {@code UNICODE\0} + UTF-16BE text. */
    private static byte[] tiffWithUserComment(String text) {
        byte[] comment = PngBuilder.concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.UTF_16BE));
        return ByteBuffer.allocate(44 + comment.length).put(new byte[]{'M', 'M', 0, 42}).putInt(8)
                .putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0)
                .putShort((short) 1).putShort((short) 0x9286).putShort((short) 7).putInt(comment.length).putInt(44)
                .putInt(0).put(comment).array();
    }

    /** infe version 2 for item {@code id} of {@code type}, plus a content type for {@code mime} items. */
    private static byte[] infe(int id, String type, String contentType) {
        byte[] head = ByteBuffer.allocate(12).putInt(0x02000000).putShort((short) id).putShort((short) 0)
                .put(type.getBytes(StandardCharsets.US_ASCII)).array();
        byte[] rest = contentType == null ? new byte[]{0}
                : ("\0" + contentType + "\0").getBytes(StandardCharsets.US_ASCII);
        return box("infe", head, rest);
    }

    /** ftyp, meta (iinf, iloc version 1, iprp/ipco/ispe, idat), mdat: item 1 in mdat, item 2 in idat. */
    private static byte[] avif(byte[] item1, String type1, byte[] item2, String type2, String contentType2) {
        byte[] ftyp = box("ftyp", "avif\0\0\0\0mif1avif".getBytes(StandardCharsets.US_ASCII));
        byte[] iinf = box("iinf", new byte[]{0, 0, 0, 0, 0, 2}, infe(1, type1, null), infe(2, type2, contentType2));
        byte[] ispe = box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(64).putInt(48).array());
        byte[] idat = box("idat", item2);
        // one meta layout for two passes: the mdat offset is only known once meta's length is
        byte[] meta = null;
        for (int mdatOffset = 0, pass = 0; pass < 2; pass++) {
            byte[] iloc = box("iloc", ByteBuffer.allocate(4 + 2 + 2 + 2 * 16).putInt(0x01000000)
                    .put((byte) 0x44).put((byte) 0x00).putShort((short) 2)
                    .putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 1)
                    .putInt(mdatOffset).putInt(item1.length)
                    .putShort((short) 2).putShort((short) 1).putShort((short) 0).putShort((short) 1)
                    .putInt(0).putInt(item2.length).array());
            meta = box("meta", new byte[4], iinf, iloc, box("iprp", box("ipco", ispe)), idat);
            mdatOffset = ftyp.length + meta.length + 8;
        }
        return PngBuilder.concat(ftyp, meta, box("mdat", item1));
    }

    @Test
    void readsA1111InfotextFromTheExifItemOfAnAvif() throws IOException {
        // A1111 1.8+ saves AVIF through Pillow with exif= its piexif UserComment; the item opens with a 4-byte offset
        byte[] exif = PngBuilder.concat(new byte[4], tiffWithUserComment(INFOTEXT));
        Path p = dir.resolve("lighthouse.avif");
        Files.write(p, avif(exif, "Exif", "not xmp".getBytes(StandardCharsets.UTF_8), "mime", "text/plain"));
        Inspection i = Inspector.inspect(p, "a.avif");
        assertThat(i.format()).isEqualTo(MediaFormat.AVIF);
        assertThat(i.width()).isEqualTo(64);
        assertThat(i.warnings()).isEmpty();
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().prompt()).isEqualTo("a lighthouse at dusk");
        assertThat(i.generation().negative()).isEqualTo("blurry");
        assertThat(i.generation().seeds()).extracting(Object::toString).containsExactly("4242");
        assertThat(i.generation().model()).isEqualTo("juggernautXL");
    }

    @Test
    void readsAnXmpItemKeptInIdat() throws IOException {
        String xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                + "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/'><exif:UserComment><rdf:Alt>"
                + "<rdf:li xml:lang='x-default'>" + INFOTEXT + "</rdf:li></rdf:Alt></exif:UserComment>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
        Path p = dir.resolve("b.avif");
        Files.write(p, avif(new byte[8], "av01", xmp.getBytes(StandardCharsets.UTF_8), "mime", "application/rdf+xml"));
        Inspection i = Inspector.inspect(p, "b.avif");
        assertThat(i.warnings()).isEmpty();
        assertThat(i.generation().prompt()).isEqualTo("a lighthouse at dusk");
        assertThat(i.generation().steps()).isEqualTo(24);
    }

    @Test
    void anItemOutsideTheFileIsAProblemNotAnError() throws IOException {
        byte[] file = avif(new byte[8], "Exif", new byte[4], "mime", "text/plain");
        int at = new String(file, StandardCharsets.ISO_8859_1).indexOf("iloc");
        ByteBuffer.wrap(file).putInt(at + 4 + 4 + 4 + 2 + 2 + 2 + 2 + 4, 0x7FFFFFF0); // item 1's extent length
        Path p = dir.resolve("c.avif");
        Files.write(p, file);
        Inspection i = Inspector.inspect(p, "c.avif");
        assertThat(i.error()).isNull();
        assertThat(i.width()).isEqualTo(64);
        assertThat(i.warnings()).anyMatch(w -> w.contains("item"));
    }
}
