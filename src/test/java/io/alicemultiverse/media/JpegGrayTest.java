package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.SystemLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The TurboJPEG path ({@link JpegGray}): scale choice, accuracy against the exact grid, and bad data. */
class JpegGrayTest {
    private static final int SIZE = 32;

    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void turboJpegIsUsedWhereTheSystemHasIt() {
        boolean installed = SystemLibraries.installed("libturbojpeg.so.0");
        assertThat(TurboJpeg.available()).isEqualTo(installed);
    }

    @Test
    void picksTheSmallestScaleThatKeepsTwoPixelsPerCell() {
        assertThat(JpegGray.eighths(512, 512, SIZE)).isEqualTo(1);    // 64 × 64 block means
        assertThat(JpegGray.eighths(1200, 900, SIZE)).isEqualTo(1);   // 150 × 113
        assertThat(JpegGray.eighths(4000, 500, SIZE)).isEqualTo(2);   // the shorter side decides: 1000 × 125
        assertThat(JpegGray.eighths(256, 256, SIZE)).isEqualTo(2);
        assertThat(JpegGray.eighths(200, 150, SIZE)).isEqualTo(4);
        assertThat(JpegGray.eighths(100, 100, SIZE)).isEqualTo(8);
        assertThat(TurboJpeg.scaled(900, 1)).isEqualTo(113);
        assertThat(TurboJpeg.scaled(900, 8)).isEqualTo(900);
    }

    @Test
    void blockMeansAreCloserToTheExactGridThanImageIoSubsampling() throws IOException {
        assumeThat(TurboJpeg.available()).as("libturbojpeg installed").isTrue();
        for (int[] size : new int[][]{{1200, 900}, {512, 512}, {333, 517}, {90, 70}}) {
            BufferedImage img = Pictures.photo(size[0] + size[1], size[0], size[1], 10);
            byte[] jpeg = write(img, "jpeg", 0.95f);
            float[] exact = ReferenceGrid.grid(ImageIO.read(new java.io.ByteArrayInputStream(jpeg)), SIZE);
            GrayImage turbo = JpegGray.decode(jpeg, jpeg.length, SIZE);
            assertThat(turbo).isNotNull();
            assertThat(turbo.width()).isEqualTo(SIZE);
            double turboMean = ReferenceGrid.meanDifference(exact, turbo.toArray());
            double imageIoMean = ReferenceGrid.meanDifference(exact, ImageIoGray.decode(jpeg, jpeg.length,
                    MediaFormat.JPEG, SIZE).toArray());
            System.out.printf("%dx%d JPEG vs exact grid: TurboJPEG scaled %.3f, ImageIO subsampled %.3f grey levels%n",
                    size[0], size[1], turboMean, imageIoMean);
            assertThat(turboMean).as(Arrays.toString(size)).isLessThan(1.0);
        }
    }

    @Test
    void greyJpegsAndTheBytesEntryPointGiveTheSameGridAsTheFile() throws IOException {
        BufferedImage colour = Pictures.photo(21, 640, 480, 10);
        BufferedImage grey = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(colour, 0, 0, null);
        for (BufferedImage img : new BufferedImage[]{colour, grey}) {
            byte[] jpeg = write(img, "jpeg", 0.9f);
            Path file = Files.write(dir.resolve("a.jpg"), jpeg);
            float[] fromFile = HashGrid.grayscale(file, MediaFormat.JPEG, SIZE).toArray();
            assertThat(HashGrid.grayscale(file, jpeg, MediaFormat.JPEG, SIZE).toArray()).isEqualTo(fromFile);
            float[] exact = ReferenceGrid.grid(ImageIO.read(file.toFile()), SIZE);
            assertThat(ReferenceGrid.meanDifference(exact, fromFile)).isLessThan(1.5);
        }
    }

    @Test
    void garbageIsLeftToImageIoWhichSaysWhatIsWrong() throws IOException {
        byte[] junk = new byte[4000];
        new Random(5).nextBytes(junk);
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xD8;
        junk[2] = (byte) 0xFF;
        junk[3] = (byte) 0xE0;
        assertThat(JpegGray.decode(junk, junk.length, SIZE)).isNull();
        Path file = Files.write(dir.resolve("junk.jpg"), junk);
        assertThatThrownBy(() -> HashGrid.grayscale(file, junk, MediaFormat.JPEG, SIZE))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aJpegCutShortDecodesWithTheRestGrey() throws IOException {
        assumeThat(TurboJpeg.available()).as("libturbojpeg installed").isTrue();
        byte[] jpeg = write(Pictures.photo(22, 512, 512, 10), "jpeg", 0.9f);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        GrayImage g = JpegGray.decode(cut, cut.length, SIZE);
        assertThat(g).isNotNull();
        float[] full = JpegGray.decode(jpeg, jpeg.length, SIZE).toArray();
        float[] half = g.toArray();
        assertThat(Arrays.copyOf(half, SIZE * 8)).isEqualTo(Arrays.copyOf(full, SIZE * 8)); // the first rows arrived
        assertThat(half[SIZE * SIZE - 1]).isEqualTo(128f); // libjpeg fills what is missing with mid-grey
    }

    private static byte[] write(BufferedImage img, String format, float quality) throws IOException {
        var writer = ImageIO.getImageWritersByFormatName(format).next();
        var param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        var out = new java.io.ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
