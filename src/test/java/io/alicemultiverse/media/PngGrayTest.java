package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.RawPng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PngGrayTest {
    private static final int SIZE = 32;
    private static final double TOLERANCE = 0.01;

    @TempDir
    Path dir;

    static Stream<Arguments> imageIoTypes() {
        return Stream.of(BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
                BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("imageIoTypes")
    void matchesImageIoForEveryImageType(int type) throws IOException {
        BufferedImage photo = Pictures.photo(type, 203, 157, 20);
        BufferedImage img = new BufferedImage(203, 157, type);
        img.createGraphics().drawImage(photo, 0, 0, null);
        if (img.getColorModel().hasAlpha()) {
            punchAlpha(img);
        }
        assertMatchesImageIo(write(img));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void matchesImageIoFor16BitColourWithAndWithoutAlpha(int bits) throws IOException {
        for (boolean alpha : new boolean[]{false, true}) {
            ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                    alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                    bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
            WritableRaster raster = cm.createCompatibleWritableRaster(97, 61);
            Random r = new Random(bits);
            int max = (1 << bits) - 1;
            for (int y = 0; y < 61; y++) {
                for (int x = 0; x < 97; x++) {
                    for (int b = 0; b < raster.getNumBands(); b++) {
                        raster.setSample(x, y, b, (x * max / 97 + r.nextInt(max / 8)) % (max + 1));
                    }
                }
            }
            assertMatchesImageIo(write(new BufferedImage(cm, raster, false, null)));
        }
    }

    static Stream<Arguments> handBuilt() {
        // colour type, bit depth
        return Stream.of(new int[][]{{0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4},
                        {3, 8}, {4, 8}, {4, 16}, {6, 8}, {6, 16}})
                .flatMap(t -> IntStream.rangeClosed(RawPng.ADAPTIVE, 4).mapToObj(f -> Arguments.of(t[0], t[1], f)));
    }

    @ParameterizedTest(name = "colour type {0}, depth {1}, filter {2}")
    @MethodSource("handBuilt")
    void matchesImageIoForEachColourTypeDepthAndFilter(int colorType, int depth, int filter) throws IOException {
        int w = 45;
        int h = 38;
        int channels = colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 1;
        int rowBytes = (w * channels * depth + 7) / 8;
        Random r = new Random(colorType * 100L + depth);
        byte[][] rows = new byte[h][rowBytes];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < rowBytes; i++) {
                rows[y][i] = (byte) (i * 3 + y * 5 + r.nextInt(40)); // gradients plus noise
            }
        }
        byte[] plte = null;
        byte[] trns = null;
        if (colorType == 3) {
            int entries = (1 << depth) - (depth == 8 ? 56 : 0); // an 8-bit palette shorter than 256
            plte = new byte[entries * 3];
            r.nextBytes(plte);
            trns = new byte[Math.max(1, entries / 2)];
            r.nextBytes(trns);
            if (depth == 8) {
                for (byte[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = (byte) ((row[i] & 0xFF) % entries);
                    }
                }
            }
        }
        assertMatchesImageIo(RawPng.build(w, h, depth, colorType, rows, filter, plte, trns));
    }

    @Test
    void reducesImagesSmallerThanTheGrid() throws IOException {
        BufferedImage img = Pictures.photo(3, 7, 5, 0);
        assertMatchesImageIo(write(img));
    }

    @Test
    void interlacedPngFallsBackToImageIo() throws IOException {
        BufferedImage img = Pictures.photo(4, 120, 90, 10);
        Path file = dir.resolve("adam7.png");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(img, null, null), p);
        }
        assertThat(Files.readAllBytes(file)[28]).as("interlace byte").isEqualTo((byte) 1);
        assertThat(PngGray.decode(file, SIZE)).isNull();
        float[] got = HashGrid.grayscale(file, MediaFormat.PNG, SIZE).toArray();
        assertThat(ReferenceGrid.maxDifference(got, ReferenceGrid.grid(img, SIZE))).isLessThan(TOLERANCE);
        assertThat(HashGrid.grayscale(file, Files.readAllBytes(file), MediaFormat.PNG, SIZE).toArray())
                .as("from bytes already read").isEqualTo(got);
    }

    @Test
    void usesRowsOfAFileCutShortWhenNinetyPercentArePresent() throws IOException {
        BufferedImage img = Pictures.photo(5, 300, 300, 30);
        byte[] png = write(img);
        float[] full = decode(png);
        float[] cut = decode(java.util.Arrays.copyOf(png, png.length * 97 / 100));
        assertThat(ReferenceGrid.meanDifference(full, cut)).isLessThan(2);
    }

    @Test
    void refusesAFileCutInHalf() throws IOException {
        byte[] png = write(Pictures.photo(6, 300, 300, 30));
        Path file = file(java.util.Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> PngGray.decode(file, SIZE)).isInstanceOf(IOException.class)
                .hasMessageContaining("rows decoded");
    }

    @Test
    void refusesHeadersClaimingTooManyPixels() throws IOException {
        byte[][] rows = {{0}};
        byte[] png = RawPng.build(1, 1, 8, 0, rows, 0, null, null);
        java.nio.ByteBuffer.wrap(png).putInt(16, 20_000).putInt(20, 20_000); // 400 MP, CRC left wrong
        Path file = file(png);
        assertThatThrownBy(() -> PngGray.decode(file, SIZE)).isInstanceOf(IOException.class)
                .hasMessageContaining("megapixels");
    }

    @Test
    void treatsAnUnknownFilterTypeAsCorruption() throws IOException {
        byte[][] rows = new byte[10][10];
        byte[] png = RawPng.build(10, 10, 8, 0, rows, 0, null, null);
        byte[] raw = new byte[110];
        raw[0] = 7; // first scanline: filter type 7
        byte[] idat = io.alicemultiverse.testsupport.PngBuilder.encode("IDAT",
                io.alicemultiverse.testsupport.PngBuilder.deflate(raw));
        byte[] head = java.util.Arrays.copyOf(png, 33);
        Path file = file(io.alicemultiverse.testsupport.PngBuilder.concat(head, idat,
                io.alicemultiverse.testsupport.PngBuilder.encode("IEND", new byte[0])));
        assertThatThrownBy(() -> PngGray.decode(file, SIZE)).isInstanceOf(IOException.class);
    }

    @Test
    void refusesGarbageAndEmptyFiles() throws IOException {
        byte[] junk = new byte[5000];
        new Random(1).nextBytes(junk);
        for (byte[] bytes : new byte[][]{new byte[0], junk, {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}}) {
            Path file = file(bytes);
            assertThatThrownBy(() -> PngGray.decode(file, SIZE)).isInstanceOf(IOException.class);
        }
        byte[] signatureThenJunk = io.alicemultiverse.testsupport.PngBuilder.concat(
                new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, junk);
        Path file = file(signatureThenJunk);
        assertThatThrownBy(() -> PngGray.decode(file, SIZE)).isInstanceOf(IOException.class);
    }

    @Test
    void randomlyDamagedFilesGiveAPictureOrAnIOException() throws IOException {
        byte[] png = write(Pictures.photo(7, 80, 60, 10));
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] bad = png.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                bad[8 + r.nextInt(bad.length - 8)] = (byte) r.nextInt(256);
            }
            Path file = file(bad);
            try {
                GrayImage g = PngGray.decode(file, SIZE);
                assertThat(g == null || g.width() == SIZE).isTrue();
            } catch (IOException expected) {
                // fine: damaged data is reported as an IOException
            }
        }
    }

    private void assertMatchesImageIo(byte[] png) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        float[] expected = ReferenceGrid.grid(decoded, SIZE);
        float[] got = decode(png);
        assertThat(ReferenceGrid.maxDifference(got, expected)).isLessThan(TOLERANCE);
    }

    private float[] decode(byte[] png) throws IOException {
        GrayImage g = PngGray.decode(file(png), SIZE);
        assertThat(g.width()).isEqualTo(SIZE);
        assertThat(g.height()).isEqualTo(SIZE);
        assertThat(PngGray.decode(png, SIZE).toArray()).as("from bytes").isEqualTo(g.toArray());
        return g.toArray();
    }

    private static void punchAlpha(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int a = (x * 7 + y * 3) % 256;
                img.setRGB(x, y, (img.getRGB(x, y) & 0xFFFFFF) | (a << 24));
            }
        }
    }

    private byte[] write(BufferedImage img) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "png", out)).isTrue();
        return out.toByteArray();
    }

    private Path file(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "t", ".png");
        Files.write(f, bytes);
        return f;
    }
}
