package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.testsupport.RawPng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The mean colour of a still image, by the grid's rule (gamma-encoded samples, alpha over white), in every format. */
class MeanColourTest {
    @TempDir
    Path dir;

    @Test
    void pngOfEveryColourTypeGivesItsMeanOverWhite() throws IOException {
        // 8-bit RGB, left half (200, 60, 40), right half (40, 120, 200): the mean is (120, 90, 120)
        byte[][] rgb = rows(4, 2, 3, (x, c) -> (x < 2 ? new int[]{200, 60, 40} : new int[]{40, 120, 200})[c]);
        assertThat(colour(RawPng.build(4, 2, 8, 2, rgb, RawPng.CYCLE, null, null))).isEqualTo(0x785A78);
        // 16-bit RGB: 0xC8C8 is 200 of 255
        byte[][] wide = rows(3, 3, 6, (x, c) -> 0xC8);
        assertThat(colour(RawPng.build(3, 3, 16, 2, wide, 0, null, null))).isEqualTo(0xC8C8C8);
        // 8-bit RGBA, red at alpha 51 (20 %) over white: (255, 204, 204)
        byte[][] rgba = rows(2, 2, 4, (x, c) -> new int[]{255, 0, 0, 51}[c]);
        assertThat(colour(RawPng.build(2, 2, 8, 6, rgba, 0, null, null))).isEqualTo(0xFFCCCC);
        // palette: index 0 opaque blue, index 1 green at alpha 0 (white); one of each
        byte[] plte = {0, 0, (byte) 255, 0, (byte) 255, 0};
        byte[][] indexed = rows(2, 1, 1, (x, c) -> x);
        assertThat(colour(RawPng.build(2, 1, 8, 3, indexed, 0, plte, new byte[]{(byte) 255, 0})))
                .isEqualTo(0x8080FF);
        // 4-bit grey, two pixels a byte: level 5 of 15 is 85
        assertThat(colour(RawPng.build(2, 2, 4, 0, new byte[][]{{0x55}, {0x55}}, 0, null, null))).isEqualTo(0x555555);
        // 16-bit grey + alpha: black, half opaque, over white
        byte[][] greyAlpha = rows(2, 2, 4, (x, c) -> c < 2 ? 0 : 0x80);
        assertThat(colour(RawPng.build(2, 2, 16, 4, greyAlpha, 0, null, null))).isEqualTo(0x7F7F7F);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "gif", "bmp", "tiff"})
    void otherFormatsGiveTheMeanOfThePng(String format) throws IOException {
        BufferedImage img = halves(401, 300);
        int expected = colour(Files.readAllBytes(write(img, "png")));
        assertThat(expected).isEqualTo(0x785A78);
        Path file = write(img, format);
        int got = MeanColour.of(file, null, FormatSniffer.sniff(file));
        assertThat(channelDifference(got, expected)).as(format).isLessThanOrEqualTo(format.equals("jpeg") ? 3 : 1);
        assertThat(MeanColour.of(file, Files.readAllBytes(file), FormatSniffer.sniff(file))).isEqualTo(got);
    }

    @Test
    void webpThroughLibwebpGivesTheMeanOfThePng() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        Path png = write(halves(400, 300), "png");
        Path webp = dir.resolve("a.webp");
        Ffmpeg.webp(png, webp, 80);
        int got = MeanColour.of(webp, null, MediaFormat.WEBP);
        assertThat(channelDifference(got, 0x785A78)).isLessThanOrEqualTo(3);
    }

    @Test
    void aVideoOrDamagedFileIsAnIoException() throws IOException {
        Path garbage = Files.write(dir.resolve("bad.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> MeanColour.of(garbage, null, MediaFormat.PNG)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MeanColour.of(garbage, null, MediaFormat.MP4)).isInstanceOf(IOException.class);
    }

    private int colour(byte[] png) throws IOException {
        Path file = Files.write(dir.resolve("c.png"), png);
        int fromFile = MeanColour.of(file, null, MediaFormat.PNG);
        assertThat(MeanColour.of(file, png, MediaFormat.PNG)).isEqualTo(fromFile);
        return fromFile;
    }

    /**
     * Left half (200, 60, 40), right half (40, 120, 200); an odd width gives the left half the extra column (and a
     * JPEG a last column of blocks one pixel wide).
     */
    private static BufferedImage halves(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, x < (width + 1) / 2 ? 0xC83C28 : 0x2878C8);
            }
        }
        return img;
    }

    private Path write(BufferedImage img, String format) throws IOException {
        Path file = dir.resolve("a." + format);
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
        return file;
    }

    private static int channelDifference(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
        }
        return d;
    }

    private interface Sample {
        int at(int x, int channel);
    }

    /** {@code height} rows of {@code width} pixels of {@code bytesPerPixel} bytes each. */
    private static byte[][] rows(int width, int height, int bytesPerPixel, Sample sample) {
        byte[][] out = new byte[height][width * bytesPerPixel];
        for (byte[] row : out) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < bytesPerPixel; c++) {
                    row[x * bytesPerPixel + c] = (byte) sample.at(x, c);
                }
            }
        }
        return out;
    }
}
