package io.alicemultiverse.media;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small greyscale pictures of images and video frames, decoded no further than needed: the input of perceptual
 * hashing. Stateless and thread-safe.
 *
 * <p>Every picture follows the rule on {@link GrayImage} (BT.601 luma on gamma-encoded samples, alpha over white,
 * exact area means over a square grid whatever the aspect ratio). How each format gets there:
 * <ul>
 *   <li>PNG — a streaming decoder (inflate, unfilter, reduce row by row); exact. Adam7 interlaced files go through
 *       ImageIO at full size.</li>
 *   <li>JPEG — libjpeg-turbo's TurboJPEG when installed ({@link JpegGray}), scaled in the DCT domain to at least 2
 *       pixels per cell, each an 8 × 8 block's exact mean at 1/8 scale; close to exact. Without it, or for what it
 *       refuses (CMYK), as the next line says.</li>
 *   <li>WebP — the system's libwebp when installed ({@link WebpGray}), decoded whole, then exact area means.
 *       Without it, or for what it refuses (animations), as the next line says.</li>
 *   <li>JPEG, WebP, GIF, BMP, TIFF — ImageIO (TwelveMonkeys for JPEG and WebP when present), subsampled so at least
 *       4 decoded pixels remain per cell and axis, then area-averaged; close to the exact mean, not equal.</li>
 *   <li>AVIF, HEIC, JPEG XL and videos — {@code ffmpeg} as a process, scaled by ffmpeg's area filter to 4 pixels per
 *       cell, then area-averaged; alpha is dropped. Needs ffmpeg installed (a clear {@link IOException} otherwise);
 *       what it decodes depends on its build (Debian 12's 5.1 decodes AVIF, not HEIC).</li>
 * </ul>
 * Images claiming more than 100 megapixels (or 100,000 pixels a side) are refused before anything is allocated. A
 * PNG cut short still gives a picture when at least 90% of its rows are present (the missing grid rows repeat the
 * last one), else an {@link IOException}; damaged data of any format is an {@link IOException}, never another
 * exception.
 */
public final class HashGrid {
    /** The grid side perceptual hashes use. */
    public static final int HASH_SIZE = 32;
    /** Largest grid side accepted. */
    public static final int MAX_SIZE = 1024;
    /** Where in a video {@link #grayscale(Path, MediaFormat, int)} takes its frame, as a fraction of the duration. */
    public static final double VIDEO_POSITION = 0.1;
    /** Largest JPEG read into memory for TurboJPEG; larger ones stream through ImageIO. */
    private static final long IN_MEMORY_LIMIT = 256L << 20;

    private HashGrid() {
    }

    /**
     * A {@code size × size} greyscale picture of {@code file}; for a video, of the frame at 10% of its duration.
     *
     * @param format the file's format as sniffed by {@link FormatSniffer} (the extension is not trusted)
     * @throws IOException              when the file cannot be read or decoded, or is not an image or video
     * @throws IllegalArgumentException when {@code size} is outside 1..{@value #MAX_SIZE}
     */
    public static GrayImage grayscale(Path file, MediaFormat format, int size) throws IOException {
        checkSize(size);
        if (format.isVideo()) {
            return FfmpegGray.frame(file, size, VIDEO_POSITION * duration(file).orElse(0.0));
        }
        return grayscale(file, format, size, 0);
    }

    /**
     * A {@code size × size} greyscale picture of {@code file}; for a video, of the frame at {@code atSeconds} (the
     * nearest one ffmpeg reaches). {@code atSeconds} is ignored for still images.
     *
     * @throws IOException when the file cannot be decoded, or a video has no frame at that time
     */
    public static GrayImage grayscale(Path file, MediaFormat format, int size, double atSeconds) throws IOException {
        checkSize(size);
        switch (format) {
            case PNG: {
                GrayImage png = PngGray.decode(file, size);
                return png != null ? png : ImageIoGray.decode(file, format, size);
            }
            case JPEG: {
                boolean inMemory = TurboJpeg.available() && Files.size(file) <= IN_MEMORY_LIMIT;
                byte[] bytes = inMemory ? Files.readAllBytes(file) : null;
                return bytes != null ? jpeg(bytes, size)
                        : ImageIoGray.decode(file, format, size).oriented(ExifOrientation.of(file));
            }
            case WEBP: {
                boolean inMemory = WebpGray.available() && Files.size(file) <= IN_MEMORY_LIMIT;
                return inMemory ? webp(Files.readAllBytes(file), size) : ImageIoGray.decode(file, format, size);
            }
            case GIF: case BMP: case TIFF:
                return ImageIoGray.decode(file, format, size);
            case AVIF: case HEIC: case JXL:
                return FfmpegGray.frame(file, size, 0);
            case MP4: case MOV: case WEBM: case MKV: case AVI:
                return FfmpegGray.frame(file, size, atSeconds);
            default:
                throw new IOException("not an image or video format that can be decoded: " + format.id());
        }
    }

    /**
     * Like {@link #grayscale(Path, MediaFormat, int)} for a still image whose bytes were already read ({@code content},
     * the whole of {@code file}): a JPEG or PNG is decoded from them; other formats are read from {@code file} again.
     *
     * @throws IOException when the image cannot be decoded
     */
    public static GrayImage grayscale(Path file, byte[] content, MediaFormat format, int size) throws IOException {
        checkSize(size);
        if (format == MediaFormat.JPEG && content != null) {
            return jpeg(content, size);
        }
        if (format == MediaFormat.WEBP && content != null) {
            return webp(content, size);
        }
        if (format == MediaFormat.PNG && content != null) {
            GrayImage png = PngGray.decode(content, size);
            return png != null ? png : ImageIoGray.decode(content, content.length, format, size);
        }
        return grayscale(file, format, size);
    }

    /** libwebp's decode, or ImageIO's (TwelveMonkeys) when libwebp is missing or refuses the data. */
    private static GrayImage webp(byte[] bytes, int size) throws IOException {
        GrayImage g = WebpGray.decode(bytes, bytes.length, size);
        return g != null ? g : ImageIoGray.decode(bytes, bytes.length, MediaFormat.WEBP, size);
    }

    /**
     * TurboJPEG's scaled decode, or ImageIO's when TurboJPEG is missing or refuses the data; turned as its EXIF
     * orientation says, as a viewer shows it.
     */
    private static GrayImage jpeg(byte[] bytes, int size) throws IOException {
        GrayImage g = JpegGray.decode(bytes, bytes.length, size);
        g = g != null ? g : ImageIoGray.decode(bytes, bytes.length, MediaFormat.JPEG, size);
        return g.oriented(ExifOrientation.of(bytes, bytes.length));
    }

    /**
     * Pictures of the frames of a video at the given fractions of its duration (e.g. {@code 0.1, 0.5, 0.9}), for
     * hashing several moments of one clip. Needs ffprobe for the duration (only the first frame without it).
     *
     * @throws IOException when ffmpeg is missing or a frame cannot be decoded
     */
    public static List<GrayImage> videoFrames(Path file, int size, double... fractions) throws IOException {
        checkSize(size);
        double duration = duration(file).orElse(0.0);
        List<GrayImage> out = new ArrayList<>(fractions.length);
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("fraction of the duration must be in [0, 1]: " + f);
            }
            out.add(FfmpegGray.frame(file, size, Math.min(f, 0.99) * duration));
        }
        return out;
    }

    /** The container's duration in seconds from ffprobe, empty when unknown or ffprobe is missing. */
    static Optional<Double> duration(Path file) throws IOException {
        if (!Ffprobe.isAvailable()) {
            return Optional.empty();
        }
        Optional<JsonNode> probe = Ffprobe.probe(file);
        double d = probe.map(j -> j.path("format").path("duration").asDouble(0)).orElse(0.0);
        return d > 0 && Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    private static void checkSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("grid size must be in 1.." + MAX_SIZE + ": " + size);
        }
    }
}
