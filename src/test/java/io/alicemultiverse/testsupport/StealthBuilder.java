package io.alicemultiverse.testsupport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Hides text in PNG pixel LSBs the way the A1111 stealth PNGinfo extension does, for reader tests. */
public final class StealthBuilder {
    private StealthBuilder() {
    }

    /**
     * @param mode one of {@code stealth_pnginfo}, {@code stealth_pngcomp} (alpha) or {@code stealth_rgbinfo},
     *             {@code stealth_rgbcomp} (RGB)
     */
    public static byte[] png(int width, int height, String mode, String text) {
        byte[] stream = stream(mode, text);
        boolean alpha = mode.startsWith("stealth_png");
        long totalBits = stream.length * 8L;
        if (totalBits > (long) width * height * (alpha ? 1 : 3)) {
            throw new IllegalArgumentException("image too small for payload");
        }
        return alpha ? planes(width, height, false, stream, null) : planes(width, height, false, null, stream);
    }

    /** A signature, a 32-bit length in bits and the (gzipped for {@code comp}) payload, as the extension writes. */
    public static byte[] stream(String mode, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (mode.endsWith("comp")) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
                gz.write(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            payload = bo.toByteArray();
        }
        return PngBuilder.concat(mode.getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(4).putInt(payload.length * 8).array(), payload);
    }

    /**
     * A PNG whose alpha LSBs carry {@code alphaStream} and whose R, G, B LSBs carry {@code rgbStream} (either may be
     * null: LSBs 0 there), column by column; with alpha (RGBA) when {@code withAlpha} or an alpha stream is given.
     */
    public static byte[] planes(int width, int height, boolean withAlpha, byte[] alphaStream, byte[] rgbStream) {
        boolean alpha = withAlpha || alphaStream != null;
        BufferedImage img = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                long pixelIndex = (long) x * height + y;
                int a = 0xFE;
                int r = 0x80;
                int g = 0x60;
                int b = 0x40;
                if (alphaStream != null) {
                    a |= bit(alphaStream, pixelIndex);
                }
                if (rgbStream != null) {
                    r |= bit(rgbStream, pixelIndex * 3);
                    g |= bit(rgbStream, pixelIndex * 3 + 1);
                    b |= bit(rgbStream, pixelIndex * 3 + 2);
                }
                img.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static int bit(byte[] stream, long index) {
        if (index >= stream.length * 8L) {
            return 0;
        }
        return (stream[(int) (index / 8)] >> (7 - (int) (index % 8))) & 1;
    }
}
