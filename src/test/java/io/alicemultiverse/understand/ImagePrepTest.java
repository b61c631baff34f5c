package io.alicemultiverse.understand;

import io.alicemultiverse.testsupport.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePrepTest {
    @TempDir
    Path dir;

    @Test
    void largeImagesAreDownscaledToTheLongSide() throws Exception {
        Path png = TestImages.write(Pictures.photo(1, 1600, 900, 4), dir.resolve("a.png"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ImagePrep.jpeg(png, 512)));
        assertThat(img.getWidth()).isEqualTo(512);
        assertThat(img.getHeight()).isEqualTo(288);
    }

    @Test
    void aSmallJpegIsSentAsItIsWithoutItsMetadataSegments() throws Exception {
        Path jpg = TestImages.write(Pictures.photo(2, 300, 200, 4), dir.resolve("b.jpg"));
        byte[] original = Files.readAllBytes(jpg);
        // splice an APP1 (EXIF-like) segment after SOI
        byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0, 8, 'E', 'x', 'i', 'f', 0, 0};
        byte[] withExif = new byte[original.length + app1.length];
        System.arraycopy(original, 0, withExif, 0, 2);
        System.arraycopy(app1, 0, withExif, 2, app1.length);
        System.arraycopy(original, 2, withExif, 2 + app1.length, original.length - 2);
        Files.write(jpg, withExif);
        byte[] sent = ImagePrep.jpeg(jpg, 1024);
        assertThat(sent).hasSizeLessThanOrEqualTo(original.length);
        assertThat(new String(sent, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        assertThat(ImageIO.read(new ByteArrayInputStream(sent)).getWidth()).isEqualTo(300);
        assertThat(ImagePrep.smallJpeg(jpg, 256)).isNull(); // larger than the limit: re-encoded instead
    }

    @Test
    void aSmallPngKeepsItsSizeAndItsTransparencyBecomesWhite() throws Exception {
        Path opaque = TestImages.write(Pictures.photo(3, 640, 480, 4), dir.resolve("c.png"));
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(ImagePrep.jpeg(opaque, 1024)));
        assertThat(sent.getWidth()).isEqualTo(640);
        assertThat(sent.getHeight()).isEqualTo(480);

        BufferedImage clear = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB); // fully transparent
        Path alpha = dir.resolve("d.png");
        ImageIO.write(clear, "png", alpha.toFile());
        BufferedImage flat = ImageIO.read(new ByteArrayInputStream(ImagePrep.jpeg(alpha, 1024)));
        assertThat(flat.getWidth()).isEqualTo(64);
        assertThat(flat.getRGB(32, 32) & 0xFFFFFF).as("transparent pixels over white").isGreaterThan(0xF0F0F0);
    }

    /**
     * PNGs of every colour type the scanline path takes, against their samples read by hand (16-bit samples by
     * their high byte, alpha flattened over white, grey as gamma-encoded like RGB): the sent JPEG differs only by
     * JPEG's own loss.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "colour type {0}, depth {1}")
    @org.junit.jupiter.params.provider.CsvSource({"0,8", "0,16", "2,8", "2,16", "3,8", "4,8", "6,8", "6,16"})
    void everyPngColourTypeIsSentWithItsColours(int colorType, int depth) throws Exception {
        int w = 96;
        int h = 64;
        int channels = colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 1;
        int bps = depth / 8;
        byte[][] rows = new byte[h][w * channels * bps];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < rows[y].length; i++) {
                rows[y][i] = (byte) (i / bps + y * 3); // smooth gradients, so JPEG's loss stays small
            }
        }
        byte[] plte = null;
        byte[] trns = null;
        if (colorType == 3) {
            plte = new byte[256 * 3];
            trns = new byte[256];
            for (int i = 0; i < 256; i++) {
                plte[i * 3] = (byte) i;
                plte[i * 3 + 1] = (byte) (255 - i);
                plte[i * 3 + 2] = (byte) (i / 2);
                trns[i] = (byte) (255 - i / 4);
            }
        }
        Path png = Files.write(dir.resolve("t" + colorType + "-" + depth + ".png"),
                io.alicemultiverse.testsupport.RawPng.build(w, h, depth, colorType, rows,
                        io.alicemultiverse.testsupport.RawPng.ADAPTIVE, plte, trns));
        int[][] expected = new int[h][w]; // 0xRRGGBB over white
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = x * channels * bps;
                int[] s = new int[channels];
                for (int c = 0; c < channels; c++) {
                    s[c] = rows[y][p + c * bps] & 0xFF;
                }
                int r;
                int g;
                int b;
                int alpha = 255;
                switch (colorType) {
                    case 0 -> r = g = b = s[0];
                    case 4 -> {
                        r = g = b = s[0];
                        alpha = s[1];
                    }
                    case 3 -> {
                        r = plte[s[0] * 3] & 0xFF;
                        g = plte[s[0] * 3 + 1] & 0xFF;
                        b = plte[s[0] * 3 + 2] & 0xFF;
                        alpha = trns[s[0]] & 0xFF;
                    }
                    default -> {
                        r = s[0];
                        g = s[1];
                        b = s[2];
                        alpha = channels == 4 ? s[3] : 255;
                    }
                }
                int fa = alpha;
                java.util.function.IntUnaryOperator flat = v -> (v * fa + 255 * (255 - fa)) / 255;
                expected[y][x] = flat.applyAsInt(r) << 16 | flat.applyAsInt(g) << 8 | flat.applyAsInt(b);
            }
        }
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(ImagePrep.jpeg(png, 1024)));
        assertThat(sent.getWidth()).isEqualTo(w);
        assertThat(sent.getHeight()).isEqualTo(h);
        double diff = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int e = expected[y][x];
                int g = sent.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    diff += Math.abs(((e >> shift) & 0xFF) - ((g >> shift) & 0xFF));
                }
            }
        }
        assertThat(diff / (w * h * 3)).as("mean difference per sample").isLessThan(4.0);
    }
}
