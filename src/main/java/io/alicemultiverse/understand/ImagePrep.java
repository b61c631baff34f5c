package io.alicemultiverse.understand;

import io.alicemultiverse.media.ImageIoReaders;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns an image file into what is sent to a provider: a JPEG (quality 0.85) whose long side is at most
 * {@code maxSide} pixels, alpha flattened over white. Large sources are subsampled while decoding (to no less than
 * twice the target) and then scaled smoothly. A JPEG that is already small enough is sent as it is, minus its
 * metadata segments (EXIF/GPS, XMP, comments), which saves a decode and re-encode. Stateless and thread-safe.
 */
final class ImagePrep {
    private ImagePrep() {
    }

    /** The JPEG bytes to send. */
    static byte[] jpeg(Path file, int maxSide) throws IOException {
        byte[] small = smallJpeg(file, maxSide);
        if (small != null) {
            return small;
        }
        BufferedImage src = decode(file, maxSide);
        double scale = Math.min(1.0, maxSide / (double) Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage out = w == src.getWidth() && h == src.getHeight() && encodable(src) ? src : draw(src, w, h);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(out, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Whether the JPEG writer takes {@code img} as it is: opaque 8-bit RGB or grey. Skipping the copy matters when no
     * scaling is needed (a 1024 px PNG, the common generator output): the redraw cost as much as the encoding.
     */
    private static boolean encodable(BufferedImage img) {
        int t = img.getType();
        if (t == BufferedImage.TYPE_3BYTE_BGR || t == BufferedImage.TYPE_INT_RGB || t == BufferedImage.TYPE_BYTE_GRAY) {
            return true;
        }
        // PngSample's RGB-ordered bytes
        return t == BufferedImage.TYPE_CUSTOM && !img.getColorModel().hasAlpha()
                && img.getColorModel().getColorSpace().isCS_sRGB() && img.getRaster().getNumBands() == 3
                && img.getRaster().getDataBuffer().getDataType() == java.awt.image.DataBuffer.TYPE_BYTE;
    }

    /** {@code src} scaled smoothly to {@code w}×{@code h}, alpha flattened over white. */
    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR); // the JPEG writer: 2x INT_RGB
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage decode(Path file, int maxSide) throws IOException {
        if (Pixels.isPng(file)) {
            // the PNG scanline reader (libdeflate when installed) into an RGB byte raster: a noisy 1024² PNG is
            // decoded and encoded in ~12 ms against ~30 ms through ImageIO's PNG decoder
            BufferedImage png = PngSample.image(file, maxSide);
            if (png != null) {
                return png;
            }
        }
        BufferedImage image;
        try {
            image = ImageIoReaders.withFirst(file, reader -> {
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > Pixels.MAX_PIXELS) {
                    throw new IOException("image size " + w + "x" + h + " outside the accepted range");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(w, h) / (2 * maxSide));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            });
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("cannot decode the image: " + e.getClass().getSimpleName(), e);
        }
        if (image == null) {
            throw new IOException("not an image that can be decoded");
        }
        return image;
    }

    private static final long PASS_THROUGH_BYTES = 2L << 20;

    /** The file without metadata segments when it is a JPEG of at most {@code maxSide} a side, else null. */
    static byte[] smallJpeg(Path file, int maxSide) throws IOException {
        if (java.nio.file.Files.size(file) > PASS_THROUGH_BYTES) {
            return null;
        }
        byte[] b = java.nio.file.Files.readAllBytes(file);
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(0xFF);
        out.write(0xD8);
        int i = 2;
        boolean sized = false;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (len < 2 || i + 2 + len > b.length) {
                return null;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (len < 7) {
                    return null;
                }
                int h = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int w = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                int components = b[i + 9] & 0xFF;
                if (Math.max(w, h) > maxSide || components == 4 || marker != 0xC0 && marker != 0xC1
                        && marker != 0xC2) {
                    return null; // too large, CMYK, or a coding providers may not take: re-encode
                }
                sized = true;
            }
            boolean metadata = marker >= 0xE1 && marker <= 0xEF && marker != 0xEE || marker == 0xFE;
            if (!metadata) {
                out.write(b, i, 2 + len);
            }
            i += 2 + len;
            if (marker == 0xDA) { // start of scan: the rest is image data
                out.write(b, i, b.length - i);
                return sized ? out.toByteArray() : null;
            }
        }
        return null;
    }
}
