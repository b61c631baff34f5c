package io.alicemultiverse.media;

import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.testsupport.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class HashGridTest {
    private static final int SIZE = 32;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bmp", "tiff", "gif"})
    void decodesOtherStillFormatsThroughImageIo(String format) throws IOException {
        BufferedImage img = Pictures.photo(11, 200, 150, 10);
        Path file = dir.resolve("a." + format);
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
        MediaFormat sniffed = FormatSniffer.sniff(file);
        float[] got = HashGrid.grayscale(file, sniffed, SIZE).toArray();
        float[] expected = ReferenceGrid.grid(ImageIO.read(file.toFile()), SIZE);
        assertThat(ReferenceGrid.maxDifference(got, expected)).isLessThan(0.01);
    }

    @Test
    void subsampledJpegStaysCloseToTheExactPngGrid() throws IOException {
        BufferedImage img = Pictures.photo(12, 1200, 900, 10);
        Path png = write(img, "png");
        Path jpg = write(img, "jpeg");
        assertThat(ImageIoGray.subsampling(1200, 900, SIZE)).isEqualTo(7);
        float[] exact = HashGrid.grayscale(png, MediaFormat.PNG, SIZE).toArray();
        float[] jpeg = HashGrid.grayscale(jpg, MediaFormat.JPEG, SIZE).toArray();
        double mean = ReferenceGrid.meanDifference(exact, jpeg);
        System.out.printf("JPEG (subsampled 7x) vs exact PNG grid: mean |difference| %.2f grey levels%n", mean);
        assertThat(mean).isLessThan(3);
    }

    @Test
    void decodesWebpCloseToThePngGrid() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        BufferedImage img = Pictures.photo(13, 640, 480, 10);
        Path png = write(img, "png");
        Path webp = dir.resolve("a.webp");
        Ffmpeg.webp(png, webp, 80);
        assertThat(FormatSniffer.sniff(webp)).isEqualTo(MediaFormat.WEBP);
        float[] exact = HashGrid.grayscale(png, MediaFormat.PNG, SIZE).toArray();
        float[] got = HashGrid.grayscale(webp, MediaFormat.WEBP, SIZE).toArray();
        double mean = ReferenceGrid.meanDifference(exact, got);
        System.out.printf("WebP q80 vs exact PNG grid: mean |difference| %.2f grey levels%n", mean);
        assertThat(mean).isLessThan(3);
    }

    /**
     * A lossy WebP decodes to the PNG's grid all the way down the frame. TwelveMonkeys 3.14's VP8 decoder (the
     * fallback) drifts green towards the bottom of such a file (its issue 734); libwebp does not.
     */
    @Test
    void lossyWebpKeepsItsColoursDownTheWholeFrame() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        assumeThat(WebpGray.available()).as("libwebp installed").isTrue();
        BufferedImage img = Pictures.photo(14, 1600, 1200, 12);
        Path png = write(img, "png");
        Path webp = dir.resolve("q70.webp");
        Ffmpeg.webp(png, webp, 70);
        float[] exact = HashGrid.grayscale(png, MediaFormat.PNG, SIZE).toArray();
        float[] got = HashGrid.grayscale(webp, MediaFormat.WEBP, SIZE).toArray();
        float[] fromBytes = HashGrid.grayscale(webp, Files.readAllBytes(webp), MediaFormat.WEBP, SIZE).toArray();
        float[] bottomExact = java.util.Arrays.copyOfRange(exact, SIZE * (SIZE - 4), SIZE * SIZE);
        float[] bottomGot = java.util.Arrays.copyOfRange(got, SIZE * (SIZE - 4), SIZE * SIZE);
        System.out.printf("WebP q70 vs exact PNG grid: mean |difference| %.2f, bottom rows %.2f grey levels%n",
                ReferenceGrid.meanDifference(exact, got), ReferenceGrid.meanDifference(bottomExact, bottomGot));
        assertThat(ReferenceGrid.meanDifference(exact, got)).isLessThan(1.0);
        assertThat(ReferenceGrid.meanDifference(bottomExact, bottomGot)).isLessThan(1.0);
        assertThat(fromBytes).isEqualTo(got);
    }

    @Test
    void ffmpegFramesUseTheSameLuminanceAsThePngDecoder() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        Path png = write(Pictures.photo(14, 512, 512, 0), "png");
        float[] exact = HashGrid.grayscale(png, MediaFormat.PNG, SIZE).toArray();
        float[] viaFfmpeg = FfmpegGray.frame(png, SIZE, 0).toArray();
        double mean = ReferenceGrid.meanDifference(exact, viaFfmpeg);
        System.out.printf("ffmpeg-decoded PNG vs PNG decoder: mean |difference| %.2f grey levels%n", mean);
        assertThat(mean).isLessThan(1.5);
    }

    @Test
    void takesVideoFramesAtOffsets() throws Exception {
        assumeThat(Ffprobe.isAvailable()).as("ffmpeg installed").isTrue();
        Path mp4 = dir.resolve("clip.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=duration=4:size=320x240:rate=10", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", mp4.toString());
        GrayImage first = HashGrid.grayscale(mp4, MediaFormat.MP4, SIZE);
        assertThat(first.width()).isEqualTo(SIZE);
        assertThat(spread(first)).isGreaterThan(50);
        List<GrayImage> frames = HashGrid.videoFrames(mp4, SIZE, 0.1, 0.5, 0.9);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isNotEqualTo(frames.get(2));
        assertThat(HashGrid.grayscale(mp4, MediaFormat.MP4, SIZE, 0.4)).isEqualTo(frames.get(0));
        assertThatThrownBy(() -> HashGrid.grayscale(mp4, MediaFormat.MP4, SIZE, 60))
                .isInstanceOf(IOException.class).hasMessageContaining("no frame");
    }

    @ParameterizedTest
    @EnumSource(value = MediaFormat.class, names = {"PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF", "AVIF", "MP4", "WEBM"})
    void garbageAfterTheMagicBytesIsAnIOException(MediaFormat format) throws IOException {
        byte[] magic = switch (format) {
            case PNG -> new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
            case JPEG -> new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
            case WEBP -> new byte[]{'R', 'I', 'F', 'F', 0, 0, 1, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
            case GIF -> "GIF89a".getBytes();
            case BMP -> new byte[]{'B', 'M'};
            case TIFF -> new byte[]{'I', 'I', 0x2A, 0};
            case AVIF -> new byte[]{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f'};
            case WEBM -> new byte[]{0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
            default -> new byte[]{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        };
        Random r = new Random(format.ordinal());
        for (int n : new int[]{0, 10, 4000}) {
            byte[] junk = new byte[n];
            r.nextBytes(junk);
            Path file = dir.resolve("junk-" + n);
            Files.write(file, concat(magic, junk));
            if (format.isVideo() || format == MediaFormat.AVIF) {
                assumeThat(Ffprobe.isAvailable()).isTrue();
            }
            assertThatThrownBy(() -> HashGrid.grayscale(file, format, SIZE)).isInstanceOf(IOException.class);
        }
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> HashGrid.grayscale(empty, MediaFormat.PNG, SIZE)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "bmp", "gif", "tiff"})
    void truncatedFilesGiveAPictureOrAnIOException(String format) throws IOException {
        Path full = write(Pictures.photo(15, 300, 200, 10), format);
        byte[] bytes = Files.readAllBytes(full);
        for (int cut : new int[]{bytes.length / 10, bytes.length / 2, bytes.length * 9 / 10}) {
            Path file = Files.write(dir.resolve("cut-" + cut), java.util.Arrays.copyOf(bytes, cut));
            MediaFormat sniffed = FormatSniffer.sniff(file);
            try {
                assertThat(HashGrid.grayscale(file, sniffed, SIZE).width()).isEqualTo(SIZE);
            } catch (IOException expected) {
                // reported as damaged: fine
            }
        }
    }

    @Test
    void refusesAJpegClaimingTooManyPixels() throws IOException {
        byte[] jpeg = Files.readAllBytes(write(Pictures.photo(16, 64, 64, 0), "jpeg"));
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) 0x4E; // height 20000
                jpeg[i + 6] = (byte) 0x20;
                jpeg[i + 7] = (byte) 0x4E; // width 20000
                jpeg[i + 8] = (byte) 0x20;
                break;
            }
        }
        Path file = Files.write(dir.resolve("huge.jpg"), jpeg);
        assertThatThrownBy(() -> HashGrid.grayscale(file, MediaFormat.JPEG, SIZE))
                .isInstanceOf(IOException.class).hasMessageContaining("megapixels");
    }

    @Test
    void rejectsUnknownFormatsAndBadSizes() throws IOException {
        Path file = Files.write(dir.resolve("x.txt"), "hello".getBytes());
        assertThatThrownBy(() -> HashGrid.grayscale(file, MediaFormat.UNKNOWN, SIZE))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> HashGrid.grayscale(file, MediaFormat.PNG, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grayImageResizeStaysCloseToComputingTheSmallerGridDirectly() {
        BufferedImage img = Pictures.photo(17, 333, 251, 20);
        float[] lum = ReferenceGrid.luma(img);
        GrayImage big = GrayImage.of(333, 251, lum);
        float[] direct = ReferenceGrid.grid(lum, 333, 251, 9);
        assertThat(ReferenceGrid.maxDifference(direct, big.resize(9, 9).toArray())).isLessThan(0.01);
        float[] viaGrid = big.resize(32, 32).resize(9, 9).toArray();
        double mean = ReferenceGrid.meanDifference(direct, viaGrid);
        System.out.printf("9x9 from the 32x32 grid vs from the source: mean |difference| %.3f%n", mean);
        assertThat(mean).isLessThan(1);
    }

    private static float spread(GrayImage g) {
        float min = 255;
        float max = 0;
        for (float v : g.toArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    private Path write(BufferedImage img, String format) throws IOException {
        Path file = dir.resolve("img." + format);
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
