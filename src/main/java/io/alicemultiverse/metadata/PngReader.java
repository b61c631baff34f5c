package io.alicemultiverse.metadata;

import io.alicemultiverse.metadata.c2pa.C2paReader;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;

/**
 * Walks every chunk of a PNG file, also those after IDAT, without reading image data: IDAT and other large
 * chunks are skipped by seeking. Collects IHDR size and alpha, tEXt/zTXt/iTXt text, eXIf EXIF, XMP and the C2PA
 * {@code caBX} chunk. Written by hand because metadata-extractor decodes every chunk into directories (slower, and
 * without the caBX/size control we need). Stateless.
 */
final class PngReader {
    private static final long SIGNATURE_LENGTH = 8;
    /**
     * The head of the file is read in one piece this large: IHDR and the text chunks generators write before the
     * image data (a ComfyUI workflow is tens of KB) then cost one read instead of two per chunk.
     */
    private static final int HEAD_BYTES = 16 * 1024;
    /** One head buffer per reading thread (direct: the file's bytes land in it without a bounce copy). */
    private static final ThreadLocal<ByteBuffer> HEADS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(HEAD_BYTES));

    private PngReader() {
    }

    static void read(FileChannel ch, RawMetadata.Builder out) throws IOException {
        long size = ch.size();
        long pos = SIGNATURE_LENGTH;
        Head head = new Head(ch, size);
        ByteBuffer header = ByteBuffer.allocate(8);
        boolean sawIhdr = false;
        while (pos + 8 <= size) {
            header.clear();
            head.readFully(header, pos);
            long length = header.getInt(0) & 0xFFFFFFFFL;
            String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
            long dataStart = pos + 8;
            if (dataStart + length > size) {
                out.problem("truncated PNG: chunk " + printable(type) + " runs past the end of the file");
                length = size - dataStart;
                if (!isMetadataChunk(type)) {
                    break;
                }
            }
            if (type.equals("IEND")) {
                break;
            }
            if (isMetadataChunk(type) || type.equals("IHDR")) {
                if ((type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt")) && out.textFull()) {
                    pos = dataStart + length + 4;
                    continue;
                }
                if (length > Limits.MAX_TEXT_BYTES) {
                    out.problem(type + " chunk of " + length + " bytes skipped (limit " + Limits.MAX_TEXT_BYTES + ")");
                } else {
                    ByteBuffer data = ByteBuffer.allocate((int) length);
                    head.readFully(data, dataStart);
                    chunk(type, data.array(), out);
                    sawIhdr |= type.equals("IHDR");
                }
            } else if (!sawIhdr && pos == SIGNATURE_LENGTH) {
                out.problem("PNG does not start with IHDR");
            }
            pos = dataStart + length + 4; // skip data and CRC
        }
    }

    private static boolean isMetadataChunk(String type) {
        switch (type) {
            case "tEXt": case "zTXt": case "iTXt": case "eXIf": case "caBX":
                return true;
            default:
                return false;
        }
    }

    private static void chunk(String type, byte[] d, RawMetadata.Builder out) {
        switch (type) {
            case "IHDR" -> ihdr(d, out);
            case "tEXt" -> text(d, out);
            case "zTXt" -> ztxt(d, out);
            case "iTXt" -> itxt(d, out);
            case "eXIf" -> ExifText.fromTiff(d, 0, out);
            case "caBX" -> out.c2pa(C2paReader.read(d));
            default -> { }
        }
    }

    private static void ihdr(byte[] d, RawMetadata.Builder out) {
        if (d.length < 13) {
            out.problem("IHDR chunk too short");
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(d);
        long w = b.getInt(0) & 0xFFFFFFFFL;
        long h = b.getInt(4) & 0xFFFFFFFFL;
        int colorType = d[9] & 0xFF;
        if (w > 0 && h > 0 && w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE) {
            out.size((int) w, (int) h);
        } else {
            out.problem("IHDR has impossible dimensions " + w + "x" + h);
        }
        out.hasAlpha(colorType == 4 || colorType == 6);
    }

    private static void text(byte[] d, RawMetadata.Builder out) {
        int nul = indexOf(d, 0, 0);
        if (nul <= 0) {
            out.problem("tEXt chunk without keyword");
            return;
        }
        String key = new String(d, 0, nul, StandardCharsets.ISO_8859_1);
        add(key, TextDecoding.utf8OrLatin1(d, nul + 1, d.length - nul - 1), out);
    }

    private static void ztxt(byte[] d, RawMetadata.Builder out) {
        int nul = indexOf(d, 0, 0);
        if (nul <= 0 || nul + 2 > d.length) {
            out.problem("zTXt chunk without keyword");
            return;
        }
        String key = new String(d, 0, nul, StandardCharsets.ISO_8859_1);
        int limit = inflateLimit(out);
        try {
            byte[] text = TextDecoding.inflate(d, nul + 2, d.length - nul - 2, limit);
            add(key, TextDecoding.utf8OrLatin1(text, 0, text.length), out);
        } catch (DataFormatException e) {
            inflateFailed("zTXt", key, limit, e, out);
        }
    }

    private static void itxt(byte[] d, RawMetadata.Builder out) {
        int nul = indexOf(d, 0, 0);
        if (nul <= 0 || nul + 3 > d.length) {
            out.problem("iTXt chunk without keyword");
            return;
        }
        String key = new String(d, 0, nul, StandardCharsets.ISO_8859_1);
        boolean compressed = d[nul + 1] != 0;
        int lang = indexOf(d, nul + 3, 0);
        int translated = lang < 0 ? -1 : indexOf(d, lang + 1, 0);
        if (translated < 0) {
            out.problem("iTXt '" + key + "' is malformed");
            return;
        }
        int start = translated + 1;
        int limit = inflateLimit(out);
        try {
            byte[] text = compressed ? TextDecoding.inflate(d, start, d.length - start, limit)
                    : java.util.Arrays.copyOfRange(d, start, d.length);
            add(key, new String(text, StandardCharsets.UTF_8), out);
        } catch (DataFormatException e) {
            inflateFailed("iTXt", key, limit, e, out);
        }
    }

    private static void inflateFailed(String type, String key, int limit, DataFormatException e,
                                      RawMetadata.Builder out) {
        if (limit < Limits.MAX_INFLATED_BYTES && e.getMessage() != null && e.getMessage().startsWith("inflates to")) {
            out.textExhausted(); // it would have fitted alone: the file's text as a whole is what is too large
        } else {
            out.problem(type + " '" + key + "' cannot be inflated: " + e.getMessage());
        }
    }

    /** A chunk inflates to at most what the file's text may still add (and never past the per-chunk limit). */
    private static int inflateLimit(RawMetadata.Builder out) {
        return (int) Math.max(0, Math.min(Limits.MAX_INFLATED_BYTES, out.textRoom()));
    }

    private static void add(String key, String value, RawMetadata.Builder out) {
        if (key.equals("XML:com.adobe.xmp")) {
            XmpText.read(value, out);
        } else if (key.regionMatches(true, 0, RawProfile.PREFIX, 0, RawProfile.PREFIX.length())) {
            RawProfile.read(key, value, out);
            return; // hex: the decoded entries say it
        }
        out.text(key, value);
    }

    private static int indexOf(byte[] d, int from, int value) {
        for (int i = Math.max(0, from); i < d.length; i++) {
            if (d[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? "'" + type + "'" : "(garbled)";
    }

    /** The first {@value #HEAD_BYTES} bytes of the file, read once; reads beyond them go to the file. */
    private static final class Head {
        private final FileChannel ch;
        private final ByteBuffer bytes;

        Head(FileChannel ch, long size) throws IOException {
            this.ch = ch;
            bytes = HEADS.get().clear().limit((int) Math.min(HEAD_BYTES, Math.max(0, size)));
            while (bytes.hasRemaining() && ch.read(bytes, bytes.position()) > 0) {
                // a short read leaves the rest to the file
            }
            bytes.flip();
        }

        /** Like {@link PngReader#readFully}: {@code buf} filled from {@code pos}, flipped. */
        void readFully(ByteBuffer buf, long pos) throws IOException {
            if (pos + buf.remaining() <= bytes.limit()) {
                buf.put(buf.position(), bytes, (int) pos, buf.remaining());
                buf.position(buf.limit());
                buf.flip();
            } else {
                PngReader.readFully(ch, buf, pos);
            }
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file");
            }
            pos += n;
        }
        buf.flip();
    }
}
