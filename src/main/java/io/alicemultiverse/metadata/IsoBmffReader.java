package io.alicemultiverse.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Finds the pixel size of a HEIC/AVIF image from its {@code meta/iprp/ipco/ispe} boxes (the largest {@code ispe}
 * is the primary image; thumbnails and grid tiles are smaller), reading only box headers and the small
 * {@code meta} box, whose EXIF and XMP items {@link HeifItems} then reads. Written by hand because
 * metadata-extractor does not report AVIF sizes. Stateless.
 */
final class IsoBmffReader {
    private static final int MAX_META = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 8;

    private IsoBmffReader() {
    }

    /** A top-level box's header: its type, whole size, header length, and whether it lies whole within the file. */
    record Box(String type, long size, int headerLength, boolean whole) {
    }

    /** The header of the box at {@code pos} of a file of {@code size} bytes (at least 8 left). */
    static Box box(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate((int) Math.min(16, size - pos));
        PngReader.readFully(ch, header, pos);
        long boxSize = header.getInt(0) & 0xFFFFFFFFL;
        String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
        int headerLength = 8;
        if (boxSize == 1 && header.limit() >= 16) {
            boxSize = header.getLong(8);
            headerLength = 16;
        } else if (boxSize == 0) {
            boxSize = size - pos;
        }
        // compared as what is left, not as pos + boxSize: a 64-bit size near 2^63 would overflow that sum
        return new Box(type, boxSize, headerLength, boxSize >= headerLength && boxSize <= size - pos);
    }

    /**
     * Reads the size from the {@code meta} box and checks every top-level box header on the way: returns false
     * (with a problem noted) when a box claims more bytes than the file has. metadata-extractor's HEIF reader
     * allocates what a box claims before reading it (a 98-byte file claiming a 1.7 GB {@code ftyp} cost 1.7 GB, or
     * an OutOfMemoryError), so such a file must not reach it.
     */
    static boolean readSize(FileChannel ch, RawMetadata.Builder out) throws IOException {
        long size = ch.size();
        long pos = 0;
        while (pos + 8 <= size) {
            Box box = box(ch, pos, size);
            String type = box.type();
            long boxSize = box.size();
            int headerLength = box.headerLength();
            if (!box.whole()) {
                out.problem("truncated or malformed box '" + type.strip() + "'");
                return false;
            }
            if (type.equals("meta")) {
                if (boxSize > MAX_META) {
                    out.problem("meta box too large to read");
                    return false;
                }
                ByteBuffer meta = ByteBuffer.allocate((int) (boxSize - headerLength));
                PngReader.readFully(ch, meta, pos + headerLength);
                long[] best = new long[2];
                boolean wellFormed = meta.limit() >= 4
                        && walk(meta.array(), 4, meta.limit(), 0, best); // skip the full-box version/flags
                if (best[0] > 0) {
                    out.size((int) best[0], (int) best[1]);
                }
                if (!wellFormed) {
                    out.problem("malformed box inside 'meta'");
                    return false;
                }
                HeifItems.read(ch, meta.array(), 4, out);
            }
            pos += boxSize;
        }
        return true;
    }

    /**
     * Walks the boxes of {@code d[from, to)} as metadata-extractor does (into {@code iprp} and {@code ipco}), keeping
     * the largest {@code ispe}; false when a box is malformed: shorter than its header, longer than its parent, a
     * tail too short for a header, or nested past {@link #MAX_DEPTH}. metadata-extractor would read such a box's
     * claimed size (or the bytes after the parent as a header) and allocate it.
     */
    private static boolean walk(byte[] d, int from, int to, int depth, long[] best) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        int pos = from;
        while (pos + 8 <= to) {
            ByteBuffer b = ByteBuffer.wrap(d);
            long size = b.getInt(pos) & 0xFFFFFFFFL;
            String type = new String(d, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8 || size > to - pos) {
                return false;
            }
            int end = (int) (pos + size);
            switch (type) {
                case "iprp", "ipco" -> {
                    if (!walk(d, pos + 8, end, depth + 1, best)) {
                        return false;
                    }
                }
                case "ispe" -> {
                    if (size >= 20) {
                        long w = b.getInt(pos + 12) & 0xFFFFFFFFL;
                        long h = b.getInt(pos + 16) & 0xFFFFFFFFL;
                        if (w * h > best[0] * best[1] && w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE) {
                            best[0] = w;
                            best[1] = h;
                        }
                    }
                }
                default -> { }
            }
            pos = end;
        }
        return pos == to;
    }
}
