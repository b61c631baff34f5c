package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.JpegBuilder;
import io.alicemultiverse.testsupport.Pictures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JPEG stored sideways or mirrored with an EXIF orientation tag gives the grid of the picture as it is shown,
 * whether its bytes are at hand or read from the file.
 */
class ExifOrientationTest {
    @TempDir
    Path tmp;

    private final BufferedImage upright = Pictures.photo(5, 320, 200, 6);

    /** The stored pixels that orientation {@code o} turns into {@code shown}. */
    static BufferedImage stored(BufferedImage shown, int o) {
        int w = shown.getWidth();
        int h = shown.getHeight();
        boolean swap = o >= 5;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] at = switch (o) { // where shown pixel (x, y) is stored
                    case 2 -> new int[]{w - 1 - x, y};
                    case 3 -> new int[]{w - 1 - x, h - 1 - y};
                    case 4 -> new int[]{x, h - 1 - y};
                    case 5 -> new int[]{y, x};
                    case 6 -> new int[]{y, w - 1 - x};
                    case 7 -> new int[]{h - 1 - y, w - 1 - x};
                    case 8 -> new int[]{h - 1 - y, x};
                    default -> new int[]{x, y};
                };
                out.setRGB(at[0], at[1], shown.getRGB(x, y));
            }
        }
        return out;
    }

    static byte[] app1(int orientation, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(order);
        b.put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        b.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        b.putShort((short) 42).putInt(8).putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return JpegBuilder.segment(0xE1, b.array());
    }

    static byte[] jpeg(BufferedImage img, byte[] segment) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        byte[] plain = out.toByteArray();
        ByteArrayOutputStream with = new ByteArrayOutputStream();
        with.write(plain, 0, 2);
        with.writeBytes(segment);
        with.write(plain, 2, plain.length - 2);
        return with.toByteArray();
    }

    private static double meanDifference(GrayImage a, GrayImage b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(x[i] - y[i]);
        }
        return sum / x.length;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void aTaggedJpegHashesAsItIsShown(int orientation) throws IOException {
        Path plain = Files.write(tmp.resolve("plain.jpg"), jpeg(upright, new byte[0]));
        GrayImage shown = HashGrid.grayscale(plain, MediaFormat.JPEG, 32);
        ByteOrder order = orientation % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] tagged = jpeg(stored(upright, orientation), app1(orientation, order));
        Path file = Files.write(tmp.resolve("tagged.jpg"), tagged);
        assertThat(ExifOrientation.of(file)).isEqualTo(orientation);
        double turned = meanDifference(shown, HashGrid.grayscale(file, MediaFormat.JPEG, 32));
        double fromBytes = meanDifference(shown, HashGrid.grayscale(file, tagged, MediaFormat.JPEG, 32));
        double asStored = meanDifference(shown, HashGrid.grayscale(file, tagged, MediaFormat.JPEG, 32)
                .oriented(orientation == 6 ? 8 : orientation == 8 ? 6 : orientation));
        assertThat(turned).as("from the file").isLessThan(3);
        assertThat(fromBytes).as("from its bytes").isLessThan(3);
        assertThat(asStored).as("turned twice").isGreaterThan(5);
    }

    @Test
    void noTagOrABrokenOneMeansAsStored() throws IOException {
        assertThat(ExifOrientation.of(Files.write(tmp.resolve("a.jpg"), jpeg(upright, new byte[0])))).isEqualTo(1);
        byte[] bad = app1(6, ByteOrder.BIG_ENDIAN);
        bad[4 + 6 + 4] = 0x7F; // IFD0 offset far past the segment
        assertThat(ExifOrientation.of(Files.write(tmp.resolve("b.jpg"), jpeg(upright, bad)))).isEqualTo(1);
        assertThat(ExifOrientation.of(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 3)).isEqualTo(1);
        assertThat(ExifOrientation.of(tmp.resolve("missing.jpg"))).isEqualTo(1);
    }
}
