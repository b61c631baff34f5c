package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Pictures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The gallery's preview of a JPEG stored sideways or mirrored stands as its EXIF orientation says it is shown. */
class PreviewOrientationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aPreviewShowsTheJpegAsItsOrientationTagSays(int orientation) throws Exception {
        BufferedImage upright = Pictures.photo(5, 320, 200, 6);
        Path file = tmp.resolve("o" + orientation + ".jpg");
        Files.write(file, ExifOrientationTest.jpeg(ExifOrientationTest.stored(upright, orientation),
                ExifOrientationTest.app1(orientation, ByteOrder.BIG_ENDIAN)));

        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(PreviewImages.jpeg(file, MediaFormat.JPEG, 160)));

        assertThat(preview.getWidth()).isEqualTo(160);
        assertThat(preview.getHeight()).isEqualTo(100);
        assertThat(meanDifference(preview, upright)).isLessThan(12);
    }

    /** Mean absolute difference of the green channel, {@code small} against {@code big} sampled at its scale. */
    private static double meanDifference(BufferedImage small, BufferedImage big) {
        double sum = 0;
        double sx = big.getWidth() / (double) small.getWidth();
        double sy = big.getHeight() / (double) small.getHeight();
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                int a = (small.getRGB(x, y) >> 8) & 0xFF;
                int b = (big.getRGB((int) ((x + 0.5) * sx), (int) ((y + 0.5) * sy)) >> 8) & 0xFF;
                sum += Math.abs(a - b);
            }
        }
        return sum / (small.getWidth() * small.getHeight());
    }
}
