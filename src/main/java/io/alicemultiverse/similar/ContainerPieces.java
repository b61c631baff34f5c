package io.alicemultiverse.similar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The metadata pieces of WebP, GIF and TIFF files for {@link CarriedMetadata}: everything but what encodes the first
 * picture's pixels, each piece as its type and hex bytes. Animation frames after the first count as pieces too (the
 * pixel comparison sees the first frame only), so an animation is linked only to a keeper with the same frames.
 * Anything this class cannot place (a BigTIFF, a TIFF of several pages or with sub-images) is refused with an
 * {@link IOException}: the member is then trashed rather than linked. Stateless.
 */
final class ContainerPieces {
    /** WebP chunks that hold the first picture's pixels or the canvas (compared by decoding instead). */
    private static final Set<String> WEBP_PIXEL_CHUNKS = Set.of("VP8 ", "VP8L", "VP8X", "ALPH");
    /** TIFF tags that describe how the pixels are encoded, not what the file says about them. */
    private static final Set<Integer> TIFF_PIXEL_TAGS = Set.of(254, 255, 256, 257, 258, 259, 262, 266, 273, 277,
            278, 279, 284, 317, 320, 322, 323, 324, 325, 338, 339, 347, 529, 530, 531, 532);
    /** TIFF tags whose value is the offset of another directory of tags (EXIF, GPS, interoperability). */
    private static final Set<Integer> TIFF_SUB_DIRECTORIES = Set.of(34665, 34853, 40965);
    /** Bytes of one element of each TIFF field type (index = type; rationals as their two longs). */
    private static final int[] TIFF_UNIT = {0, 1, 1, 2, 4, 4, 1, 1, 2, 4, 4, 4, 8, 4};

    private ContainerPieces() {
    }

    static List<String> webp(byte[] b) throws IOException {
        if (b.length < 12 || !ascii(b, 0, 4).equals("RIFF") || !ascii(b, 8, 4).equals("WEBP")) {
            throw new IOException("not a WebP");
        }
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>();
        int pos = 12;
        while (pos + 8 <= b.length) {
            String fourcc = ascii(b, pos, 4);
            long length = in.getInt(pos + 4) & 0xFFFFFFFFL;
            if (pos + 8 + length > b.length) {
                throw new IOException("chunk runs past the end");
            }
            if (!WEBP_PIXEL_CHUNKS.contains(fourcc)) {
                out.add(fourcc + ":" + HexFormat.of().formatHex(b, pos + 8, pos + 8 + (int) length));
            }
            pos += 8 + (int) length + (int) (length & 1);
        }
        return out;
    }

    static List<String> gif(byte[] b) throws IOException {
        if (b.length < 13 || !ascii(b, 0, 3).equals("GIF")) {
            throw new IOException("not a GIF");
        }
        int pos = 13 + colourTable(b[10]); // logical screen descriptor, global colour table: pixels
        List<String> out = new ArrayList<>();
        String firstControl = null;
        int images = 0;
        while (pos < b.length) {
            int block = b[pos] & 0xFF;
            if (block == 0x3B) {
                if (images > 1 && firstControl != null) {
                    out.add(firstControl); // the first frame's delay and disposal matter in an animation
                }
                return out;
            } else if (block == 0x21 && pos + 1 < b.length) {
                int label = b[pos + 1] & 0xFF;
                int end = subBlocks(b, pos + 2);
                String piece = "ext" + Integer.toHexString(label) + ":" + HexFormat.of().formatHex(b, pos + 2, end);
                if (label == 0xF9 && images == 0) {
                    firstControl = piece; // the first picture's transparency is in its decoded pixels
                } else {
                    out.add(piece);
                }
                pos = end;
            } else if (block == 0x2C && pos + 10 < b.length) {
                int end = subBlocks(b, pos + 10 + colourTable(b[pos + 9]) + 1);
                if (images++ > 0) {
                    out.add("frame:" + HexFormat.of().formatHex(b, pos, end));
                }
                pos = end;
            } else {
                throw new IOException("bad GIF block");
            }
        }
        throw new IOException("no GIF trailer");
    }

    private static int colourTable(byte flags) {
        return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
    }

    /** The position after the sub-blocks starting at {@code pos} (and their terminator). */
    private static int subBlocks(byte[] b, int pos) throws IOException {
        while (pos < b.length) {
            int n = b[pos] & 0xFF;
            pos += 1 + n;
            if (n == 0) {
                return pos;
            }
        }
        throw new IOException("GIF block runs past the end");
    }

    static List<String> tiff(byte[] b) throws IOException {
        if (b.length < 8) {
            throw new IOException("not a TIFF");
        }
        ByteOrder order = b[0] == 'I' && b[1] == 'I' ? ByteOrder.LITTLE_ENDIAN
                : b[0] == 'M' && b[1] == 'M' ? ByteOrder.BIG_ENDIAN : null;
        if (order == null) {
            throw new IOException("not a TIFF");
        }
        ByteBuffer in = ByteBuffer.wrap(b).order(order);
        if (in.getShort(2) != 42) {
            throw new IOException("not a classic TIFF (BigTIFF metadata is not compared)");
        }
        List<String> out = new ArrayList<>();
        long next = directory(in, u32(in, 4), "", out, new HashSet<>());
        if (next != 0) {
            throw new IOException("a TIFF of several pages: its other pages are not compared");
        }
        return out;
    }

    /** Adds the pieces of the directory at {@code at} (and its EXIF/GPS directories); returns the next offset. */
    private static long directory(ByteBuffer in, long at, String prefix, List<String> out, Set<Long> seen)
            throws IOException {
        if (!seen.add(at) || seen.size() > 8 || at + 2 > in.limit()) {
            throw new IOException("bad TIFF directory offset");
        }
        int count = in.getShort((int) at) & 0xFFFF;
        int entries = (int) at + 2;
        if (entries + 12L * count + 4 > in.limit()) {
            throw new IOException("TIFF directory runs past the end");
        }
        for (int i = 0; i < count; i++) {
            int e = entries + 12 * i;
            int tag = in.getShort(e) & 0xFFFF;
            int type = in.getShort(e + 2) & 0xFFFF;
            long n = u32(in, e + 4);
            if (tag == 330) {
                throw new IOException("a TIFF with sub-images: they are not compared");
            }
            if (prefix.isEmpty() && TIFF_PIXEL_TAGS.contains(tag)) {
                continue;
            }
            if (TIFF_SUB_DIRECTORIES.contains(tag)) {
                directory(in, u32(in, e + 8), prefix + tag + "/", out, seen);
                continue;
            }
            int unit = type < TIFF_UNIT.length ? TIFF_UNIT[type] : 0;
            if (unit == 0 || n * unit > in.limit()) {
                throw new IOException("TIFF field " + tag + " of unknown type " + type);
            }
            int size = (int) (n * unit);
            int value = size <= 4 ? e + 8 : (int) u32(in, e + 8);
            if (value < 0 || value + size > in.limit()) {
                throw new IOException("TIFF field " + tag + " runs past the end");
            }
            out.add(prefix + tag + "." + type + ":" + bigEndianHex(in, value, size, unit));
        }
        return u32(in, entries + 12 * count);
    }

    /** The value's bytes, each element in big-endian order, so one value reads alike from either byte order. */
    private static String bigEndianHex(ByteBuffer in, int at, int size, int unit) {
        byte[] v = new byte[size];
        for (int i = 0; i < size; i++) {
            int element = i / unit * unit;
            int within = i % unit;
            v[i] = in.get(at + element + (in.order() == ByteOrder.BIG_ENDIAN ? within : unit - 1 - within));
        }
        return HexFormat.of().formatHex(v);
    }

    private static long u32(ByteBuffer in, int at) throws IOException {
        if (at < 0 || at + 4 > in.limit()) {
            throw new IOException("TIFF offset past the end");
        }
        return in.getInt(at) & 0xFFFFFFFFL;
    }

    private static String ascii(byte[] b, int at, int n) {
        return new String(b, at, n, StandardCharsets.ISO_8859_1);
    }
}
