package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a file's container reaches its end — a PNG its IEND chunk, a JPEG its end-of-image marker after the
 * image data, a GIF its trailer, a WebP or ISO-BMFF file (MP4, MOV, AVIF, HEIC) every byte its boxes announce — so
 * an interrupted download or copy can be told from an intact file. Only the structure is walked (a JPEG's entropy-
 * coded data is scanned for markers); pixels are not decoded, so damage inside complete image data goes unseen.
 * Formats it does not know count as complete. Stateless and thread-safe; never throws.
 */
public final class FileCompleteness {
    private FileCompleteness() {
    }

    /** True unless the file is unreadable, empty, or its container stops short of its end. */
    public static boolean complete(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Walker w = new Walker(ch);
            if (ch.size() == 0) {
                return false;
            }
            return switch (FormatSniffer.sniff(file)) {
                case PNG -> w.png();
                case JPEG -> w.jpeg();
                case GIF -> w.gif();
                case WEBP -> w.riff();
                case AVIF, HEIC, MP4, MOV -> w.isoBmff();
                default -> true;
            };
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads a file through a small buffer; every read past the end answers -1. */
    private static final class Walker {
        private final FileChannel ch;
        private final long size;
        private final ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
        private long bufStart;

        Walker(FileChannel ch) throws IOException {
            this.ch = ch;
            this.size = ch.size();
            buf.limit(0);
        }

        /** The byte at {@code pos}, or -1 past the end. */
        int at(long pos) throws IOException {
            if (pos < 0 || pos >= size) {
                return -1;
            }
            if (pos < bufStart || pos >= bufStart + buf.limit()) {
                buf.clear();
                bufStart = pos;
                while (buf.hasRemaining() && ch.read(buf, bufStart + buf.position()) > 0) {
                    // fill what is there
                }
                buf.flip();
                if (buf.limit() == 0) {
                    return -1;
                }
            }
            return buf.get((int) (pos - bufStart)) & 0xFF;
        }

        long u32(long pos, boolean bigEndian) throws IOException {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                int b = at(pos + i);
                if (b < 0) {
                    return -1;
                }
                v = bigEndian ? (v << 8) | b : v | ((long) b << (8 * i));
            }
            return v;
        }

        /** Chunks from offset 8 up to a whole IEND chunk. */
        boolean png() throws IOException {
            long pos = 8;
            while (pos + 12 <= size) {
                long length = u32(pos, true);
                boolean iend = at(pos + 4) == 'I' && at(pos + 5) == 'E' && at(pos + 6) == 'N' && at(pos + 7) == 'D';
                pos += 12 + length;
                if (iend) {
                    return pos <= size;
                }
            }
            return false;
        }

        /**
         * Ends with EOI (past zero padding), else marker segments and entropy-coded data scanned for markers until
         * EOI (data appended after the image, as in motion photos). Entropy-coded data never holds 0xFFD9, so a
         * truncated file cannot end with it unless cut right after an embedded thumbnail.
         */
        boolean jpeg() throws IOException {
            long end = size - 1;
            while (end > 2 && at(end) == 0) {
                end--;
            }
            if (at(end - 1) == 0xFF && at(end) == 0xD9) {
                return true;
            }
            long pos = 2;
            while (true) {
                int ff = at(pos);
                int marker = at(pos + 1);
                if (ff != 0xFF || marker < 0) {
                    return false;
                }
                if (marker == 0xFF) {
                    pos++; // fill byte
                    continue;
                }
                if (marker == 0xD9) {
                    return true;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    pos += 2;
                    continue;
                }
                int hi = at(pos + 2);
                int lo = at(pos + 3);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                pos += 2 + ((hi << 8) | lo);
                if (marker == 0xDA) {
                    pos = scanEntropyData(pos);
                    if (pos < 0) {
                        return false;
                    }
                }
            }
        }

        /** The position of the first marker after entropy-coded data (stuffed 0xFF00 and RSTn skipped), or -1. */
        private long scanEntropyData(long pos) throws IOException {
            while (true) {
                int b = at(pos);
                if (b < 0) {
                    return -1;
                }
                if (b == 0xFF) {
                    int next = at(pos + 1);
                    if (next < 0) {
                        return -1;
                    }
                    if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                        return pos;
                    }
                    pos += next == 0xFF ? 1 : 2;
                } else {
                    pos++;
                }
            }
        }

        /** Header, colour table, then extension and image blocks up to the 0x3B trailer. */
        boolean gif() throws IOException {
            int flags = at(10);
            if (flags < 0) {
                return false;
            }
            long pos = 13 + ((flags & 0x80) != 0 ? 3L << ((flags & 7) + 1) : 0);
            while (true) {
                int block = at(pos);
                if (block == 0x3B) {
                    return true;
                } else if (block == 0x21) {
                    pos = subBlocks(pos + 2);
                } else if (block == 0x2C) {
                    int local = at(pos + 9);
                    if (local < 0) {
                        return false;
                    }
                    pos += 10 + ((local & 0x80) != 0 ? 3L << ((local & 7) + 1) : 0);
                    pos = subBlocks(pos + 1); // after the LZW minimum code size
                } else {
                    return false;
                }
                if (pos < 0) {
                    return false;
                }
            }
        }

        private long subBlocks(long pos) throws IOException {
            while (true) {
                int n = at(pos);
                if (n < 0) {
                    return -1;
                }
                pos += 1 + n;
                if (n == 0) {
                    return pos;
                }
            }
        }

        /** The RIFF header's length covers the file. */
        boolean riff() throws IOException {
            long riffSize = u32(4, false);
            return riffSize >= 0 && 8 + riffSize <= size;
        }

        /** Top-level boxes tile the file exactly (a box of size 0 runs to the end). */
        boolean isoBmff() throws IOException {
            long pos = 0;
            while (pos < size) {
                long length = u32(pos, true);
                if (length < 0) {
                    return false;
                }
                if (length == 0) {
                    return true;
                }
                if (length == 1) {
                    long high = u32(pos + 8, true);
                    long low = u32(pos + 12, true);
                    if (high < 0 || low < 0) {
                        return false;
                    }
                    length = (high << 32) | low;
                }
                if (length < 8) {
                    return false;
                }
                pos += length;
            }
            return pos == size;
        }
    }
}
