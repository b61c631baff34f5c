package io.alicemultiverse.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Inserts application segments into a real ImageIO-encoded JPEG, right after SOI. */
public final class JpegBuilder {
    private JpegBuilder() {
    }

    /** One marker segment: FF, marker, 2-byte length (including itself), payload. */
    public static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        return b.array();
    }

    public static byte[] withSegments(int width, int height, byte[]... segments) {
        byte[] jpeg = ExifBuilder.encodeJpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
