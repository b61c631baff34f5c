package io.alicemultiverse.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds a WebP RIFF container with a VP8X canvas header and arbitrary chunks (no image data needed to read). */
public final class WebpBuilder {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    private WebpBuilder(int width, int height) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) 0x08).put(new byte[3]); // EXIF flag
        vp8x.put((byte) ((width - 1) & 0xFF)).put((byte) (((width - 1) >> 8) & 0xFF)).put((byte) ((width - 1) >> 16));
        vp8x.put((byte) ((height - 1) & 0xFF)).put((byte) (((height - 1) >> 8) & 0xFF)).put((byte) ((height - 1) >> 16));
        chunk("VP8X", vp8x.array());
    }

    public static WebpBuilder create(int width, int height) {
        return new WebpBuilder(width, height);
    }

    public WebpBuilder chunk(String fourcc, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length);
        chunks.writeBytes(h.array());
        chunks.writeBytes(data);
        if (data.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    public byte[] build() {
        byte[] body = chunks.toByteArray();
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.length + 4).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        return PngBuilder.concat(h.array(), body);
    }
}
