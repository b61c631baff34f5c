package io.alicemultiverse.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpReader;
import io.alicemultiverse.metadata.c2pa.C2paReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Walks a WebP's RIFF chunks, seeking past image data: canvas size from VP8X/VP8/VP8L, EXIF (metadata-extractor),
 * XMP, and the C2PA chunk. Written by hand because metadata-extractor's WebP reader does not expose the C2PA chunk.
 * Stateless.
 */
final class WebpReader {
    private WebpReader() {
    }

    static void read(FileChannel ch, RawMetadata.Builder out) throws IOException {
        long size = ch.size();
        long pos = 12;
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= size) {
            header.clear();
            PngReader.readFully(ch, header, pos);
            String fourcc = new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1);
            long length = header.getInt(4) & 0xFFFFFFFFL;
            long dataStart = pos + 8;
            if (dataStart + length > size) {
                out.problem("truncated WebP: chunk '" + fourcc.strip() + "' runs past the end of the file");
                length = size - dataStart;
            }
            boolean wanted = switch (fourcc) {
                case "VP8X", "VP8 ", "VP8L", "EXIF", "XMP ", "C2PA" -> true;
                default -> false;
            };
            if (wanted) {
                int toRead = (int) Math.min(length, fourcc.startsWith("VP8") ? 32 : Limits.MAX_TEXT_BYTES + 1L);
                if (toRead > Limits.MAX_TEXT_BYTES) {
                    out.problem(fourcc.strip() + " chunk of " + length + " bytes skipped");
                } else {
                    ByteBuffer data = ByteBuffer.allocate(toRead);
                    PngReader.readFully(ch, data, dataStart);
                    chunk(fourcc, data.array(), out);
                }
            }
            pos = dataStart + length + (length & 1);
        }
    }

    private static void chunk(String fourcc, byte[] d, RawMetadata.Builder out) {
        switch (fourcc) {
            case "VP8X" -> {
                if (d.length >= 10) {
                    out.hasAlpha((d[0] & 0x10) != 0);
                    out.size(u24(d, 4) + 1, u24(d, 7) + 1);
                }
            }
            case "VP8 " -> {
                // frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height
                if (d.length >= 10 && (d[3] & 0xFF) == 0x9D && (d[4] & 0xFF) == 0x01 && (d[5] & 0xFF) == 0x2A) {
                    out.size(u16(d, 6) & 0x3FFF, u16(d, 8) & 0x3FFF);
                }
            }
            case "VP8L" -> {
                if (d.length >= 5 && (d[0] & 0xFF) == 0x2F) {
                    long bits = (d[1] & 0xFFL) | (d[2] & 0xFFL) << 8 | (d[3] & 0xFFL) << 16 | (d[4] & 0xFFL) << 24;
                    out.size((int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
                    out.hasAlpha(((bits >> 28) & 1) != 0);
                }
            }
            case "EXIF" -> ExifText.fromTiff(d, 0, out);
            case "XMP " -> {
                Metadata md = new Metadata();
                new XmpReader().extract(d, md);
                ExifText.from(md, out);
            }
            case "C2PA" -> out.c2pa(C2paReader.read(d));
            default -> { }
        }
    }

    private static int u24(byte[] d, int i) {
        return (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) << 16;
    }

    private static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8;
    }
}
