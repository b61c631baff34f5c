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
}
