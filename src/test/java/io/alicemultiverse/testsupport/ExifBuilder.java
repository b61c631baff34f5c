package io.alicemultiverse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

/**
 * Builds a TIFF-structured EXIF block (IFD0 ASCII tags plus an Exif sub-IFD with UserComment/MakerNote) in either
 * byte order, and wraps it into JPEG APP1 or WebP EXIF for container tests.
 */
public final class ExifBuilder {
    public static final int MAKE = 0x010F;
    public static final int MODEL = 0x0110;
    public static final int SOFTWARE = 0x0131;
    public static final int IMAGE_DESCRIPTION = 0x010E;
    public static final int USER_COMMENT = 0x9286;
    public static final int MAKER_NOTE = 0x927C;

    private final ByteOrder order;
    private final Map<Integer, byte[]> ifd0 = new TreeMap<>();
    private final Map<Integer, byte[]> exif = new TreeMap<>();

    private ExifBuilder(ByteOrder order) {
        this.order = order;
    }

    public static ExifBuilder bigEndian() {
        return new ExifBuilder(ByteOrder.BIG_ENDIAN);
    }

    public static ExifBuilder littleEndian() {
        return new ExifBuilder(ByteOrder.LITTLE_ENDIAN);
    }

    public ExifBuilder ascii(int tag, String value) {
        ifd0.put(tag, (value + "\0").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** UserComment with the {@code UNICODE\0} prefix and UTF-16 text in the given order. */
    public ExifBuilder userCommentUnicode(String text, ByteOrder textOrder) {
        byte[] body = text.getBytes(textOrder == ByteOrder.BIG_ENDIAN ? StandardCharsets.UTF_16BE
                : StandardCharsets.UTF_16LE);
        exif.put(USER_COMMENT, PngBuilder.concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII), body));
        return this;
    }

    public ExifBuilder userCommentAscii(String text) {
        exif.put(USER_COMMENT, PngBuilder.concat("ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public ExifBuilder makerNote(String text) {
        exif.put(MAKER_NOTE, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The TIFF block (starts with II/MM). */
    public byte[] tiff() {
        // layout: header(8) | IFD0 | exif IFD | data
        int ifd0Count = ifd0.size() + (exif.isEmpty() ? 0 : 1);
        int ifd0Size = 2 + ifd0Count * 12 + 4;
        int exifSize = exif.isEmpty() ? 0 : 2 + exif.size() * 12 + 4;
        int dataStart = 8 + ifd0Size + exifSize;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(dataStart).order(order);
        b.put(order == ByteOrder.BIG_ENDIAN ? new byte[]{'M', 'M'} : new byte[]{'I', 'I'});
        b.putShort((short) 42).putInt(8);
        b.putShort((short) ifd0Count);
        TreeMap<Integer, byte[]> all0 = new TreeMap<>(ifd0);
        for (Map.Entry<Integer, byte[]> e : all0.entrySet()) {
            entry(b, e.getKey(), 2, e.getValue(), dataStart, data);
        }
        if (!exif.isEmpty()) {
            b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(8 + ifd0Size);
        }
        b.putInt(0);
        if (!exif.isEmpty()) {
            b.putShort((short) exif.size());
            for (Map.Entry<Integer, byte[]> e : exif.entrySet()) {
                entry(b, e.getKey(), 7, e.getValue(), dataStart, data);
            }
            b.putInt(0);
        }
        return PngBuilder.concat(b.array(), data.toByteArray());
    }

    private static void entry(ByteBuffer b, int tag, int type, byte[] value, int dataStart, ByteArrayOutputStream data) {
        b.putShort((short) tag).putShort((short) type).putInt(value.length);
        if (value.length <= 4) {
            byte[] v = new byte[4];
            System.arraycopy(value, 0, v, 0, value.length);
            b.put(v);
        } else {
            b.putInt(dataStart + data.size());
            data.writeBytes(value);
            if (data.size() % 2 == 1) {
                data.write(0);
            }
        }
    }

    /** A real JPEG (ImageIO-encoded) with this EXIF in an APP1 segment right after SOI. */
    public byte[] jpeg(int width, int height) {
        return JpegBuilder.withSegments(width, height, JpegBuilder.segment(0xE1,
                PngBuilder.concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff())));
    }

    /** A minimal WebP (VP8X canvas + EXIF chunk). */
    public byte[] webp(int width, int height) {
        return WebpBuilder.create(width, height).chunk("EXIF", tiff()).build();
    }

    static byte[] encodeJpeg(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
