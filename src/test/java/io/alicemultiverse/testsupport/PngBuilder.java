package io.alicemultiverse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Builds small PNG files chunk by chunk for tests: a real grey (or RGBA) image with text, zTXt, iTXt, eXIf and
 * arbitrary chunks placed before or after IDAT.
 */
public final class PngBuilder {
    private final int width;
    private final int height;
    private final boolean alpha;
    private final List<byte[]> before = new ArrayList<>();
    private final List<byte[]> after = new ArrayList<>();

    private PngBuilder(int width, int height, boolean alpha) {
        this.width = width;
        this.height = height;
        this.alpha = alpha;
    }

    public static PngBuilder rgb(int width, int height) {
        return new PngBuilder(width, height, false);
    }

    public static PngBuilder rgba(int width, int height) {
        return new PngBuilder(width, height, true);
    }

    public PngBuilder text(String key, String value) {
        return chunk("tEXt", concat(latin1(key), new byte[]{0}, value.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A tEXt chunk holding UTF-8 bytes (what many tools write despite the spec). */
    public PngBuilder textUtf8(String key, String value) {
        return chunk("tEXt", concat(latin1(key), new byte[]{0}, value.getBytes(StandardCharsets.UTF_8)));
    }

    public PngBuilder ztxt(String key, String value) {
        return chunk("zTXt", concat(latin1(key), new byte[]{0, 0}, deflate(value.getBytes(StandardCharsets.ISO_8859_1))));
    }

    public PngBuilder itxt(String key, String value, boolean compressed) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return chunk("iTXt", concat(latin1(key), new byte[]{0, (byte) (compressed ? 1 : 0), 0}, latin1("en"),
                new byte[]{0}, new byte[]{0}, compressed ? deflate(text) : text));
    }

    public PngBuilder textAfterIdat(String key, String value) {
        after.add(encode("tEXt", concat(latin1(key), new byte[]{0}, value.getBytes(StandardCharsets.ISO_8859_1))));
        return this;
    }

    public PngBuilder ztxtAfterIdat(String key, String value) {
        after.add(encode("zTXt", concat(latin1(key), new byte[]{0, 0}, deflate(value.getBytes(StandardCharsets.ISO_8859_1)))));
        return this;
    }

    public PngBuilder chunk(String type, byte[] data) {
        before.add(encode(type, data));
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) (alpha ? 6 : 2)).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(encode("IHDR", ihdr.array()));
        before.forEach(out::writeBytes);
        int bpp = alpha ? 4 : 3;
        byte[] raw = new byte[Math.multiplyExact(Math.addExact(Math.multiplyExact(width, bpp), 1), height)];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (i % (width * bpp + 1)) == 0 ? 0 : (byte) 0x80;
        }
        out.writeBytes(encode("IDAT", deflate(raw)));
        after.forEach(out::writeBytes);
        out.writeBytes(encode("IEND", new byte[0]));
        return out.toByteArray();
    }

    public static byte[] encode(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(latin1(type)).put(data);
        CRC32 crc = new CRC32();
        crc.update(latin1(type));
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    public static byte[] deflate(byte[] data) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(bo, new Deflater(9))) {
            d.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bo.toByteArray();
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
