package io.alicemultiverse.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpReader;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The EXIF and XMP items of a HEIF/AVIF image (ISO/IEC 23008-12): the {@code meta} box's {@code iinf} names each
 * item's type ({@code Exif}, or {@code mime} with {@code application/rdf+xml}), {@code iloc} says where its bytes
 * are (in the file, or in {@code idat}). A1111 saves AVIF with its infotext in the EXIF UserComment, as in a JPEG.
 * Items larger than {@link Limits#MAX_TEXT_BYTES} or outside the file are skipped with a problem. Stateless.
 */
final class HeifItems {
    private static final String XMP_MIME = "application/rdf+xml";
    /** EXIF and XMP items read at most: a file naming thousands would otherwise read its bytes thousands of times. */
    private static final int MAX_ITEMS = 8;

    private HeifItems() {
    }

    /** Reads the EXIF and XMP items of the {@code meta} box whose contents (after version and flags) are {@code d}. */
    static void read(FileChannel ch, byte[] d, int from, RawMetadata.Builder out) throws IOException {
        Map<Long, String> types = new HashMap<>();
        Map<Long, long[][]> places = new HashMap<>();
        Map<Long, Integer> methods = new HashMap<>();
        int idatStart = -1;
        int idatEnd = -1;
        try {
            ByteBuffer b = ByteBuffer.wrap(d);
            int pos = from;
            while (pos + 8 <= d.length) {
                long size = b.getInt(pos) & 0xFFFFFFFFL;
                String type = new String(d, pos + 4, 4, StandardCharsets.ISO_8859_1);
                if (size < 8 || size > d.length - pos) {
                    return; // IsoBmffReader reports a malformed meta box
                }
                int end = (int) (pos + size);
                switch (type) {
                    case "iinf" -> infos(b.slice(pos + 8, end - pos - 8), types);
                    case "iloc" -> locations(b.slice(pos + 8, end - pos - 8), places, methods);
                    case "idat" -> {
                        idatStart = pos + 8;
                        idatEnd = end;
                    }
                    default -> { }
                }
                pos = end;
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            out.problem("malformed item table in 'meta'");
            return;
        }
        int read = 0;
        for (Map.Entry<Long, String> e : new java.util.TreeMap<>(types).entrySet()) {
            long[][] extents = places.get(e.getKey());
            if (extents == null) {
                continue;
            }
            if (++read > MAX_ITEMS) {
                out.problem("more than " + MAX_ITEMS + " metadata items: the rest skipped");
                break;
            }
            byte[] item = bytes(ch, d, extents, methods.getOrDefault(e.getKey(), 0), idatStart, idatEnd, out);
            if (item == null) {
                continue;
            }
            if (e.getValue().equals("Exif")) {
                // the payload opens with the offset of the TIFF header from the end of that field
                long tiff = item.length >= 4 ? ByteBuffer.wrap(item).getInt(0) & 0xFFFFFFFFL : -1;
                if (tiff >= 0 && tiff < item.length - 4) {
                    ExifText.fromTiff(item, (int) (4 + tiff), out);
                } else {
                    out.problem("malformed Exif item");
                }
            } else {
                Metadata md = new Metadata();
                new XmpReader().extract(item, md);
                ExifText.from(md, out);
            }
        }
    }

    /** Item id → "Exif" or "XMP" for the items of interest, from {@code iinf}'s {@code infe} entries (version 2+). */
    private static void infos(ByteBuffer b, Map<Long, String> types) {
        int version = b.get(0) & 0xFF;
        int pos = 4 + (version == 0 ? 2 : 4);
        while (pos + 8 <= b.limit()) {
            long size = b.getInt(pos) & 0xFFFFFFFFL;
            if (size < 8 || size > b.limit() - pos) {
                throw new IllegalArgumentException("infe");
            }
            int end = (int) (pos + size);
            if (new String(new byte[]{b.get(pos + 4), b.get(pos + 5), b.get(pos + 6), b.get(pos + 7)},
                    StandardCharsets.ISO_8859_1).equals("infe") && (b.get(pos + 8) & 0xFF) >= 2) {
                boolean v3 = (b.get(pos + 8) & 0xFF) >= 3;
                int p = pos + 12;
                long id = v3 ? b.getInt(p) & 0xFFFFFFFFL : b.getShort(p) & 0xFFFF;
                p += (v3 ? 4 : 2) + 2; // and item_protection_index
                byte[] t = new byte[4];
                b.get(p, t);
                String itemType = new String(t, StandardCharsets.ISO_8859_1);
                if (itemType.equals("Exif")) {
                    types.put(id, "Exif");
                } else if (itemType.equals("mime")) {
                    int name = p + 4;
                    int nameEnd = zero(b, name, end);
                    int typeEnd = zero(b, nameEnd + 1, end);
                    byte[] ct = new byte[Math.max(0, typeEnd - nameEnd - 1)];
                    b.get(nameEnd + 1, ct);
                    if (new String(ct, StandardCharsets.US_ASCII).strip().equalsIgnoreCase(XMP_MIME)) {
                        types.put(id, "XMP");
                    }
                }
            }
            pos = end;
        }
    }

    private static int zero(ByteBuffer b, int from, int end) {
        int i = from;
        while (i < end && b.get(i) != 0) {
            i++;
        }
        return Math.min(i, end);
    }

    /** Item id → extents ({offset, length}) and construction method, from {@code iloc} (versions 0-2). */
    private static void locations(ByteBuffer b, Map<Long, long[][]> places, Map<Long, Integer> methods) {
        int version = b.get(0) & 0xFF;
        int offsetSize = (b.get(4) & 0xFF) >> 4;
        int lengthSize = b.get(4) & 0x0F;
        int baseSize = (b.get(5) & 0xFF) >> 4;
        int indexSize = version == 1 || version == 2 ? b.get(5) & 0x0F : 0;
        int pos = 6;
        long count = version < 2 ? b.getShort(pos) & 0xFFFF : b.getInt(pos) & 0xFFFFFFFFL;
        pos += version < 2 ? 2 : 4;
        for (long i = 0; i < count; i++) {
            long id = version < 2 ? b.getShort(pos) & 0xFFFF : b.getInt(pos) & 0xFFFFFFFFL;
            pos += version < 2 ? 2 : 4;
            int method = 0;
            if (version == 1 || version == 2) {
                method = b.getShort(pos) & 0x0F;
                pos += 2;
            }
            pos += 2; // data_reference_index
            long base = sized(b, pos, baseSize);
            pos += baseSize;
            int extents = b.getShort(pos) & 0xFFFF;
            pos += 2;
            long[][] e = new long[extents][];
            for (int x = 0; x < extents; x++) {
                pos += indexSize;
                long offset = sized(b, pos, offsetSize);
                pos += offsetSize;
                long length = sized(b, pos, lengthSize);
                pos += lengthSize;
                e[x] = new long[]{base + offset, length};
            }
            places.put(id, e);
            methods.put(id, method);
        }
    }

    private static long sized(ByteBuffer b, int pos, int size) {
        return switch (size) {
            case 0 -> 0;
            case 4 -> b.getInt(pos) & 0xFFFFFFFFL;
            case 8 -> b.getLong(pos);
            default -> throw new IllegalArgumentException("field size " + size);
        };
    }

    /** The item's bytes, from the file (method 0) or {@code idat} (method 1); null, with a problem, when unusable. */
    private static byte[] bytes(FileChannel ch, byte[] meta, long[][] extents, int method, int idatStart, int idatEnd,
                                RawMetadata.Builder out) throws IOException {
        long total = 0;
        for (long[] e : extents) {
            if (e[0] < 0 || e[1] <= 0) {
                out.problem("item extent out of range");
                return null;
            }
            total += e[1];
        }
        if (total > Limits.MAX_TEXT_BYTES) {
            out.problem("metadata item of " + total + " bytes skipped");
            return null;
        }
        ByteBuffer item = ByteBuffer.allocate((int) total);
        for (long[] e : extents) {
            if (method == 0 && e[1] <= ch.size() - e[0]) {
                ByteBuffer part = item.slice(item.position(), (int) e[1]);
                PngReader.readFully(ch, part, e[0]);
            } else if (method == 1 && idatStart >= 0 && e[1] <= idatEnd - idatStart - e[0]) {
                item.put(item.position(), meta, (int) (idatStart + e[0]), (int) e[1]);
            } else {
                out.problem("item extent out of range");
                return null;
            }
            item.position(item.position() + (int) e[1]);
        }
        return item.array();
    }
}
