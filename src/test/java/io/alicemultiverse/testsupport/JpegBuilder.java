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

    /**
     * An APP13 Photoshop 3.0 segment with one 8BIM 0x0404 resource holding IPTC-IIM datasets, given as
     * {@code record, dataset, bytes} triples ({@code 2, 120, caption} is the caption).
     */
    public static byte[] iptc(Object... datasets) {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        for (int i = 0; i < datasets.length; i += 3) {
            byte[] v = (byte[]) datasets[i + 2];
            iim.write(0x1C);
            iim.write((Integer) datasets[i]);
            iim.write((Integer) datasets[i + 1]);
            iim.write(v.length >> 8);
            iim.write(v.length & 0xFF);
            iim.writeBytes(v);
        }
        byte[] data = iim.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Photoshop 3.0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes("8BIM".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[]{0x04, 0x04, 0, 0}); // resource id, empty Pascal name padded to even
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
        return segment(0xED, out.toByteArray());
    }
}
