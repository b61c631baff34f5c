package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.testsupport.ExifBuilder;
import io.alicemultiverse.testsupport.PngBuilder;
import io.alicemultiverse.testsupport.StealthBuilder;
import io.alicemultiverse.testsupport.WebpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataReaderTest {
    static final String INFOTEXT = "a cat, \"quoted\", (best:1.2)\nsecond line\nNegative prompt: blurry\n"
            + "Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 42, Size: 512x768, "
            + "Model hash: abc123, Model: dreamshaper_8, Version: v1.10.1";

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsTextZtxtAndItxtChunks() throws IOException {
        Path p = write("a.png", PngBuilder.rgb(4, 3).text("one", "1").ztxt("two", "2").itxt("three", "drei ü", false)
                .itxt("four", "vier ö", true).build());
        RawMetadata raw = MetadataReader.read(p);
        assertThat(raw.format()).isEqualTo(MediaFormat.PNG);
        assertThat(raw.width()).isEqualTo(4);
        assertThat(raw.height()).isEqualTo(3);
        assertThat(raw.text()).containsEntry("one", "1").containsEntry("two", "2")
                .containsEntry("three", "drei ü").containsEntry("four", "vier ö");
        assertThat(raw.problems()).isEmpty();
    }

    @Test
    void readsParametersAfterIdat() throws IOException {
        Path p = write("late.png", PngBuilder.rgb(2, 2).ztxtAfterIdat("parameters", INFOTEXT).build());
        Inspection i = Inspector.inspect(p, "late.png");
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().seeds()).extracting(Object::toString).containsExactly("42");
    }

    @Test
    void decodesUtf8WrittenIntoTextChunks() throws IOException {
        Path p = write("u.png", PngBuilder.rgb(2, 2).textUtf8("parameters", "日本の猫\nSteps: 5, Sampler: Euler, Seed: 1").build());
        assertThat(Inspector.inspect(p, "u").generation().prompt()).isEqualTo("日本の猫");
    }

    @Test
    void survivesInvalidUtf8() throws IOException {
        byte[] bad = {'p', 'a', 'r', 'a', 'm', 'e', 't', 'e', 'r', 's', 0, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'x'};
        Path p = write("bad.png", PngBuilder.rgb(2, 2).chunk("tEXt", bad).build());
        Inspection i = Inspector.inspect(p, "bad");
        assertThat(i.error()).isNull();
        assertThat(i.raw()).containsKey("parameters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BE-BE", "BE-LE", "LE-LE", "LE-BE"})
    void readsJpegUserCommentInEitherUtf16ByteOrder(String orders) throws IOException {
        ByteOrder tiff = orders.startsWith("BE") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteOrder text = orders.endsWith("BE") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ExifBuilder exif = tiff == ByteOrder.BIG_ENDIAN ? ExifBuilder.bigEndian() : ExifBuilder.littleEndian();
        Path p = write("a.jpg", exif.userCommentUnicode(INFOTEXT, text).jpeg(16, 8));
        Inspection i = Inspector.inspect(p, "a.jpg");
        assertThat(i.format()).isEqualTo(MediaFormat.JPEG);
        assertThat(i.width()).isEqualTo(16);
        assertThat(i.generation().prompt()).isEqualTo("a cat, \"quoted\", (best:1.2)\nsecond line");
        assertThat(i.generation().negative()).isEqualTo("blurry");
        assertThat(i.generation().scheduler()).isEqualTo("Karras");
    }

    @Test
    void readsAsciiUserComment() throws IOException {
        Path p = write("a.jpg", ExifBuilder.littleEndian().userCommentAscii(INFOTEXT).jpeg(8, 8));
        assertThat(Inspector.inspect(p, "a").generation().model()).isEqualTo("dreamshaper_8");
    }

    @Test
    void readsWebpExifUserComment() throws IOException {
        Path p = write("a.webp", ExifBuilder.bigEndian().userCommentUnicode(INFOTEXT, ByteOrder.BIG_ENDIAN).webp(640, 480));
        Inspection i = Inspector.inspect(p, "a.webp");
        assertThat(i.format()).isEqualTo(MediaFormat.WEBP);
        assertThat(i.width()).isEqualTo(640);
        assertThat(i.height()).isEqualTo(480);
        assertThat(i.generation().width()).isEqualTo(512);
        assertThat(i.generation().height()).isEqualTo(768);
    }

    @Test
    void normalisesComfyUiWebpMakeAndModel() throws IOException {
        byte[] tiff = ExifBuilder.littleEndian().ascii(ExifBuilder.MAKE, "workflow:{\"nodes\":[]}")
                .ascii(ExifBuilder.MODEL, "prompt:{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{}}}").tiff();
        Path p = write("c.webp", WebpBuilder.create(8, 8).chunk("EXIF", tiff).build());
        RawMetadata raw = MetadataReader.read(p);
        assertThat(raw.get("workflow")).isEqualTo("{\"nodes\":[]}");
        assertThat(raw.get("prompt")).startsWith("{\"3\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stealth_pnginfo", "stealth_pngcomp", "stealth_rgbinfo", "stealth_rgbcomp"})
    void readsStealthPngInfo(String mode) throws IOException {
        Path p = write("s.png", StealthBuilder.png(40, 50, mode, INFOTEXT));
        RawMetadata raw = MetadataReader.read(p);
        assertThat(raw.get(mode)).isEqualTo(INFOTEXT);
        Inspection i = Inspector.inspect(p, "s.png");
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().steps()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stealth_pnginfo", "stealth_pngcomp", "stealth_rgbinfo", "stealth_rgbcomp"})
    void probesTallImagesByTheirFirstRowsAndStillReadsStealth(String mode) throws IOException {
        Path p = write("tall.png", StealthBuilder.png(12, 400, mode, INFOTEXT));
        assertThat(StealthReader.mayHoldStealth(p)).isTrue();
        assertThat(MetadataReader.read(p).get(mode)).isEqualTo(INFOTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stealth_pnginfo", "stealth_rgbcomp"})
    void readsStealthFromInterlacedAnd16BitPngs(String mode) throws IOException {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(StealthBuilder.png(40, 50, mode, INFOTEXT)));
        // Adam7: the row decoder declines it and ImageIO decodes the whole image
        Path interlaced = dir.resolve("adam7.png");
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
        try (var out = javax.imageio.ImageIO.createImageOutputStream(interlaced.toFile())) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        assertThat(Files.readAllBytes(interlaced)[28]).as("interlace byte").isEqualTo((byte) 1);
        assertThat(MetadataReader.read(interlaced).get(mode)).isEqualTo(INFOTEXT);
        // 16 bits a sample: the bit is the high byte's lowest, as an 8-bit-scaled reader sees it
        int w = img.getWidth();
        int h = img.getHeight();
        java.awt.color.ColorSpace srgb = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        var cm = new java.awt.image.ComponentColorModel(srgb, true, false, java.awt.Transparency.TRANSLUCENT,
                java.awt.image.DataBuffer.TYPE_USHORT);
        var raster = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                int[] v = {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, argb >>> 24};
                for (int c = 0; c < 4; c++) {
                    raster.setSample(x, y, c, v[c] << 8 | 0x55);
                }
            }
        }
        Path wide = dir.resolve("wide.png");
        assertThat(javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(cm, raster, false, null), "png",
                wide.toFile())).isTrue();
        assertThat(Files.readAllBytes(wide)[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(MetadataReader.read(wide).get(mode)).isEqualTo(INFOTEXT);
    }

    @Test
    void readsTheRgbPlaneOfAnAlphaImageWhoseAlphaOnlyLooksLikeASignature() throws IOException {
        // alpha starts like stealth_png but is no signature: the RGB plane is read, over several columns
        byte[] decoy = "stealth_pngXXXX\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        String longText = INFOTEXT + ", " + "x".repeat(500); // 770 of the 941 bytes 16 x 160 pixels hold
        Path p = write("both.png", StealthBuilder.planes(16, 160, true, decoy,
                StealthBuilder.stream("stealth_rgbinfo", longText)));
        RawMetadata raw = MetadataReader.read(p);
        assertThat(raw.get("stealth_rgbinfo")).isEqualTo(longText);
        assertThat(raw.has("stealth_pngXXXX")).isFalse();
        // a long payload in the alpha plane fills columns up to the last one
        String fills = "y".repeat(16 * 160 / 8 - 19);
        Path full = write("full.png", StealthBuilder.planes(16, 160, true,
                StealthBuilder.stream("stealth_pnginfo", fills), null));
        assertThat(MetadataReader.read(full).get("stealth_pnginfo")).isEqualTo(fills);
    }

    @Test
    void reportsAStealthLengthPastTheImage() throws IOException {
        byte[] stream = StealthBuilder.stream("stealth_pnginfo", "short");
        stream[15] = 0x7F; // the declared length in bits, far more than 200 x 160 pixels hold
        Path p = write("long.png", StealthBuilder.planes(200, 160, true, stream, null));
        RawMetadata raw = MetadataReader.read(p);
        assertThat(raw.text()).isEmpty();
        assertThat(raw.problems()).anySatisfy(m -> assertThat(m).contains("does not fit the image"));
    }

    @Test
    void probeRulesOutAlphaImagesWithoutStealth() throws IOException {
        Path p = write("plain.png", PngBuilder.rgba(300, 300).build());
        assertThat(StealthReader.mayHoldStealth(p)).isFalse();
        assertThat(MetadataReader.read(p).text()).isEmpty();
    }

    @Test
    void readsSidecarText() throws IOException {
        Path p = write("00001-42.png", PngBuilder.rgb(2, 2).build());
        write("00001-42.txt", INFOTEXT.getBytes(StandardCharsets.UTF_8));
        Inspection i = Inspector.inspect(p, "x");
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.generation().extra()).containsEntry("found_in", "sidecar.txt");
    }

    @Test
    void formatComesFromMagicBytesNotExtension() throws IOException {
        Path p = write("really-a-jpeg.png", ExifBuilder.bigEndian().userCommentAscii(INFOTEXT).jpeg(8, 8));
        Inspection i = Inspector.inspect(p, "x");
        assertThat(i.format()).isEqualTo(MediaFormat.JPEG);
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
    }

    @Test
    void forgeVersionIsForge() throws IOException {
        Path p = write("f.png", PngBuilder.rgb(2, 2).text("parameters",
                "x\nSteps: 4, Sampler: Euler, Seed: 3, Version: f2.0.1v1.10.1-previous-313-g8a042934").build());
        assertThat(Inspector.inspect(p, "f").generation().source()).isEqualTo(Source.FORGE);
    }

    @Test
    void realSdNextFilesAreSdNext() throws IOException {
        for (String name : new String[]{"sd-metadata/sd-next.jpg", "sd-metadata/sd-next-hires.jpg"}) {
            Path p = io.alicemultiverse.testsupport.Peers.file(name);
            assertThat(Inspector.inspect(p, name).generation().source()).as(name).isEqualTo(Source.SDNEXT);
        }
    }

    @Test
    void skipsHugeTextChunkWithBoundedMemory() throws IOException {
        Path p = dir.resolve("huge.png");
        byte[] head = PngBuilder.rgb(2, 2).text("parameters", INFOTEXT).build();
        int hugeLength = 50 * 1024 * 1024;
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(head, 0, head.length - 12); // without IEND
            out.write(ByteBuffer.allocate(8).putInt(hugeLength).put("tEXt".getBytes(StandardCharsets.US_ASCII)).array());
            byte[] block = new byte[1 << 20];
            block[0] = 'k';
            for (int i = 0; i < 50; i++) {
                out.write(block);
                block[0] = 'x';
            }
            out.write(new byte[4]);
            out.write(PngBuilder.encode("IEND", new byte[0]));
        }
        Inspection i = Inspector.inspect(p, "huge.png");
        assertThat(i.error()).isNull();
        assertThat(i.generation().source()).isEqualTo(Source.AUTOMATIC1111);
        assertThat(i.warnings()).anyMatch(w -> w.contains("skipped"));
    }

    @Test
    void doesNotDecodeGiganticDimensions() throws IOException {
        // the header claims 100,000 x 100,000 RGBA (40 GB of pixels); the file is tiny. (This test used to build a
        // real image of that size first and throw it away: its raw buffer's size overflowed to a 1.3 GB array, and
        // the suite's 2 GB heap sometimes ran out.)
        Path p = write("giant.png", tinyWithHeader(100_000, 100_000));
        Inspection i = Inspector.inspect(p, "giant.png");
        assertThat(i.width()).isEqualTo(100_000);
        assertThat(i.warnings()).anyMatch(w -> w.contains("too large"));
    }

    /** A PNG whose IHDR claims a huge RGBA image but whose IDAT is tiny. */
    private static byte[] tinyWithHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        return PngBuilder.concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                PngBuilder.encode("IHDR", ihdr.array()), PngBuilder.encode("IDAT", PngBuilder.deflate(new byte[10])),
                PngBuilder.encode("IEND", new byte[0]));
    }

    @Test
    void xmpDigitalSourceTypeMarksAiGenerated() throws IOException {
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" "
                + "Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/>"
                + "</rdf:RDF></x:xmpmeta>";
        Path p = write("x.png", PngBuilder.rgb(2, 2).itxt("XML:com.adobe.xmp", xmp, false).build());
        Inspection i = Inspector.inspect(p, "x");
        assertThat(i.aiGenerated()).isTrue();
        assertThat(i.raw()).containsKey("Xmp.Iptc4xmpExt:DigitalSourceType");
    }

    @Test
    void reportsUnknownAndEmptyFiles() throws IOException {
        assertThat(Inspector.inspect(write("e.png", new byte[0]), "e").error()).contains("zero-byte");
        assertThat(Inspector.inspect(write("g.png", "garbage garbage".getBytes()), "g").error()).contains("not a recognised");
        assertThat(Inspector.inspect(dir.resolve("missing.png"), "m").error()).contains("no such file");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreNotPartOfThePrompt() throws IOException {
        String infotext = "\uFEFFa bom prompt\r\nNegative prompt: blurry\r\nSteps: 20, Sampler: Euler a, Seed: 5";
        Path p = write("bom.png", PngBuilder.rgb(4, 3).itxt("parameters", infotext, false).build());
        Inspection i = Inspector.inspect(p, "bom.png");
        assertThat(i.generation().prompt()).isEqualTo("a bom prompt");
        assertThat(i.generation().negative()).isEqualTo("blurry");
        assertThat(i.generation().steps()).isEqualTo(20);
    }
}
