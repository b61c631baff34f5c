package io.alicemultiverse.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of its APP1 {@code Exif} segment): how the stored pixels turn
 * to stand as a viewer shows them, 1 (as stored) to 8; 1 when absent or unreadable. Stateless; never throws on bad
 * data.
 *
 * <p>Read here rather than through metadata-extractor (which the metadata package uses): hashing reads every JPEG on
 * organize's path with its head already in memory and needs this one tag, where metadata-extractor would decode
 * every directory of the segment into objects.
 */
final class ExifOrientation {
    /** How much of a JPEG's head is read for its segments before the image data. */
    private static final int HEAD = 256 * 1024;

    private ExifOrientation() {
    }

    /** The orientation of the JPEG {@code file}, 1 when it has none or cannot be read. */
    static int of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD);
            return of(head, head.length);
        } catch (IOException e) {
            return 1;
        }
    }

    /** The orientation of the JPEG in {@code jpeg[0..length)}, 1 when it has none. */
    static int of(byte[] jpeg, int length) {
        int pos = 2;
        while (pos + 4 <= length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return 1;
            }
            int size = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker == 0xE1 && size >= 8 && pos + 2 + size <= length && exifHeader(jpeg, pos + 4)) {
                int found = fromTiff(jpeg, pos + 10, pos + 2 + size);
                if (found != 0) {
                    return found;
                }
            }
            pos += 2 + size;
        }
        return 1;
    }

    private static boolean exifHeader(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** Tag 0x0112 of IFD0 in the TIFF structure at {@code tiff}, 0 when absent or out of range. */
    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 0;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 0;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 0;
        }
        int count = u16(b, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 0;
            }
            if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? x | (y << 8) : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int x = b[at + (little ? 3 - i : i)] & 0xFF;
            v = (v << 8) | x;
        }
        return v;
    }
}
