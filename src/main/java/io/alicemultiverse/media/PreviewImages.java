package io.alicemultiverse.media;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small colour previews (JPEG) for the gallery: still images through ImageIO (subsampled while decoding when the
 * source is much larger), videos, AVIF and HEIC through ffmpeg. Stateless and thread-safe.
 */
public final class PreviewImages {
    private PreviewImages() {
    }

    /** A JPEG whose longer side is at most {@code maxSide} pixels. */
    public static byte[] jpeg(Path file, MediaFormat format, int maxSide) throws IOException {
        if (format.isVideo() || format == MediaFormat.AVIF || format == MediaFormat.HEIC) {
            return ffmpeg(file, format, maxSide);
        }
        BufferedImage source = read(file, maxSide);
        if (source == null) {
            throw new IOException("no image decoder for " + file.getFileName());
        }
        double scale = Math.min(1.0, maxSide / (double) Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        // a JPEG stored sideways (a phone's, or an editor's) is shown standing as its EXIF orientation says, as
        // browsers and viewers show the file itself
        int orientation = format == MediaFormat.JPEG ? ExifOrientation.of(file) : 1;
        boolean swap = orientation >= 5 && orientation <= 8;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.transform(orientationTransform(orientation, w, h));
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return encode(out);
    }

    /**
     * What turns a {@code w × h} picture as EXIF orientation {@code o} says (see {@link GrayImage#oriented}) into the
     * shown picture, whose sides are swapped for 5–8.
     */
    static java.awt.geom.AffineTransform orientationTransform(int o, int w, int h) {
        return switch (o) {
            case 2 -> new java.awt.geom.AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new java.awt.geom.AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new java.awt.geom.AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new java.awt.geom.AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new java.awt.geom.AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new java.awt.geom.AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new java.awt.geom.AffineTransform(0, -1, 1, 0, 0, w);
            default -> new java.awt.geom.AffineTransform();
        };
    }

    private static BufferedImage read(Path file, int maxSide) throws IOException {
        return ImageIoReaders.withFirst(file, reader -> {
            long w = reader.getWidth(0);
            long h = reader.getHeight(0);
            if (w * h > 100_000_000L) {
                throw new IOException("image too large to preview: " + w + "x" + h);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.max(1, Math.min(w, h) / (maxSide * 2L));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        });
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] ffmpeg(Path file, MediaFormat format, int maxSide) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error"));
        if (format.isVideo()) {
            cmd.addAll(List.of("-ss", "0.5"));
        }
        cmd.addAll(List.of("-i", file.toAbsolutePath().toString(), "-frames:v", "1", "-vf",
                "scale='min(" + maxSide + ",iw)':-2:force_original_aspect_ratio=decrease", "-f", "image2pipe",
                "-vcodec", "mjpeg", "-"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("ffmpeg is needed to preview " + format.id() + " files (apt-get install ffmpeg)", e);
        }
        byte[] out = p.getInputStream().readNBytes(16 * 1024 * 1024);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.length == 0) {
                p.destroyForcibly();
                throw new IOException("ffmpeg could not make a preview of " + file.getFileName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
