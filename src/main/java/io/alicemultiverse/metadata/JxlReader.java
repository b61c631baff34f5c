package io.alicemultiverse.metadata;

import io.alicemultiverse.metadata.c2pa.C2paReader;
import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * JPEG XL: the size from the codestream's SizeHeader, and in the ISO BMFF-like container the {@code Exif} and
 * {@code xml } boxes (also Brotli-compressed in a {@code brob} box) and the C2PA {@code jumb} box. Written by hand
 * because metadata-extractor 2.21 does not read JPEG XL. Reads box headers and those boxes only. Stateless.
 */
final class JxlReader {
    private static final int HEAD = 32;

    private JxlReader() {
    }

    static void read(FileChannel ch, RawMetadata.Builder out) throws IOException {
        long size = ch.size();
        ByteBuffer first = ByteBuffer.allocate((int) Math.min(HEAD, size));
        PngReader.readFully(ch, first, 0);
        byte[] head = first.array();
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && head[1] == 0x0A) {
            codestream(head, 0, head.length, out);
            return; // a bare codestream holds no metadata boxes
        }
        long pos = 0;
        while (pos + 8 <= size) {
            IsoBmffReader.Box box = IsoBmffReader.box(ch, pos, size);
            if (!box.whole()) {
                out.problem("truncated or malformed box '" + box.type().strip() + "'");
                return;
            }
            long start = pos + box.headerLength();
            long length = box.size() - box.headerLength();
            switch (box.type()) {
                case "jxlc" -> codestream(bytes(ch, start, Math.min(length, HEAD)), 0, (int) Math.min(length, HEAD), out);
                case "jxlp" -> {
                    if (length > 4) { // a 4-byte part index, then the codestream's part
                        codestream(bytes(ch, start + 4, Math.min(length - 4, HEAD)), 0,
                                (int) Math.min(length - 4, HEAD), out);
                    }
                }
                case "Exif", "xml ", "brob", "jumb" -> {
                    if (length > Limits.MAX_TEXT_BYTES) {
                        out.problem("'" + box.type().strip() + "' box of " + length + " bytes skipped");
                    } else if (box.type().equals("jumb")) {
                        // C2PA's manifest store is this JUMBF superbox, header included
                        out.c2pa(C2paReader.read(bytes(ch, pos, box.size())));
                    } else {
                        metadata(box.type(), bytes(ch, start, length), out);
                    }
                }
                default -> { }
            }
            pos += box.size();
        }
    }

    private static void metadata(String type, byte[] d, RawMetadata.Builder out) {
        switch (type) {
            case "Exif" -> {
                // a 4-byte offset to the TIFF header, then the TIFF structure
                if (d.length > 4) {
                    long offset = ByteBuffer.wrap(d).getInt(0) & 0xFFFFFFFFL;
                    if (offset <= d.length - 4L - 8) {
                        ExifText.fromTiff(d, 4 + (int) offset, out);
                    } else {
                        out.problem("Exif box: TIFF header offset " + offset + " is past its end");
                    }
                }
            }
            case "xml " -> XmpText.read(new String(d, StandardCharsets.UTF_8), out);
            case "brob" -> {
                if (d.length < 4) {
                    return;
                }
                String inner = new String(d, 0, 4, StandardCharsets.ISO_8859_1);
                if (!inner.equals("Exif") && !inner.equals("xml ")) {
                    return;
                }
                byte[] plain;
                try (BrotliInputStream in = new BrotliInputStream(new ByteArrayInputStream(d, 4, d.length - 4))) {
                    plain = in.readNBytes(Limits.MAX_INFLATED_BYTES + 1);
                } catch (IOException | RuntimeException e) {
                    out.problem("Brotli-compressed '" + inner.strip() + "' box cannot be read: "
                            + MetadataReader.describe(e));
                    return;
                }
                if (plain.length > Limits.MAX_INFLATED_BYTES) {
                    out.problem("Brotli-compressed '" + inner.strip() + "' box inflates past "
                            + Limits.MAX_INFLATED_BYTES + " bytes: skipped");
                    return;
                }
                metadata(inner, plain, out);
            }
            default -> { }
        }
    }

    private static byte[] bytes(FileChannel ch, long at, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) length);
        PngReader.readFully(ch, b, at);
        return b.array();
    }

    /** The SizeHeader after the {@code FF 0A} signature (ISO/IEC 18181-1, bits read least significant first). */
    static void codestream(byte[] d, int off, int len, RawMetadata.Builder out) {
        if (len < 2 || (d[off] & 0xFF) != 0xFF || d[off + 1] != 0x0A) {
            return;
        }
        Bits bits = new Bits(d, off + 2, off + len);
        try {
            boolean small = bits.read(1) == 1;
            long height = small ? (bits.read(5) + 1) * 8 : u32(bits);
            int ratio = (int) bits.read(3);
            long width = switch (ratio) {
                case 0 -> small ? (bits.read(5) + 1) * 8 : u32(bits);
                case 1 -> height;
                case 2 -> height * 12 / 10;
                case 3 -> height * 4 / 3;
                case 4 -> height * 3 / 2;
                case 5 -> height * 16 / 9;
                case 6 -> height * 5 / 4;
                default -> height * 2;
            };
            if (width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE) {
                out.size((int) width, (int) height);
            }
        } catch (IndexOutOfBoundsException e) {
            out.problem("JPEG XL codestream too short for its size header");
        }
    }

    /** U32(Bits(9) + 1, Bits(13) + 1, Bits(18) + 1, Bits(30) + 1): a 2-bit selector, then that many bits. */
    private static long u32(Bits bits) {
        int[] widths = {9, 13, 18, 30};
        return bits.read(widths[(int) bits.read(2)]) + 1;
    }

    /** Reads bits least significant first. */
    private static final class Bits {
        private final byte[] d;
        private final int end;
        private long pos;

        Bits(byte[] d, int from, int end) {
            this.d = d;
            this.end = end;
            this.pos = (long) from * 8;
        }

        long read(int n) {
            long v = 0;
            for (int i = 0; i < n; i++, pos++) {
                int at = (int) (pos >> 3);
                if (at >= end) {
                    throw new IndexOutOfBoundsException("past the end");
                }
                v |= (long) ((d[at] >> (pos & 7)) & 1) << i;
            }
            return v;
        }
    }
}
