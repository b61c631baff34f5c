package io.alicemultiverse.metadata;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes an EXIF UserComment: an 8-byte character-code prefix ({@code ASCII\0\0\0}, {@code UNICODE\0},
 * {@code JIS}, or undefined) then the text. {@code UNICODE} text is UTF-16 of either byte order; writers disagree
 * (piexif writes big-endian whatever the TIFF byte order), so the order is detected from a BOM or from where the
 * zero bytes of ASCII-range characters fall. Stateless.
 */
final class UserComment {
    private static final java.util.regex.Pattern TRAILING_NUL_SPACE = java.util.regex.Pattern.compile("[\\u0000\\s]+$");
    private static final byte[] UNICODE = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASCII = "ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JIS = "JIS\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private UserComment() {
    }

    /** The comment's text, trailing NULs and whitespace removed; null when empty. */
    public static String decode(byte[] b) {
        if (b == null || b.length == 0) {
            return null;
        }
        String text;
        if (b.length >= 8 && startsWith(b, UNICODE)) {
            text = utf16(Arrays.copyOfRange(b, 8, b.length));
        } else if (b.length >= 8 && (startsWith(b, ASCII) || allZero(b, 8))) {
            text = TextDecoding.utf8OrLatin1(b, 8, b.length - 8);
        } else if (b.length >= 8 && startsWith(b, JIS)) {
            text = new String(b, 8, b.length - 8, Charset.forName("Shift_JIS"));
        } else {
            text = TextDecoding.utf8OrLatin1(b, 0, b.length);
        }
        text = TRAILING_NUL_SPACE.matcher(text).replaceAll("");
        return text.isEmpty() ? null : text;
    }

    static String utf16(byte[] d) {
        if (d.length >= 2) {
            if ((d[0] & 0xFF) == 0xFE && (d[1] & 0xFF) == 0xFF) {
                return new String(d, 2, d.length - 2, StandardCharsets.UTF_16BE);
            }
            if ((d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xFE) {
                return new String(d, 2, d.length - 2, StandardCharsets.UTF_16LE);
            }
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        int pairs = Math.min(d.length / 2, 4096);
        for (int i = 0; i < pairs; i++) {
            if (d[2 * i] == 0) {
                zeroEven++;
            }
            if (d[2 * i + 1] == 0) {
                zeroOdd++;
            }
        }
        int len = d.length & ~1;
        return new String(d, 0, len, zeroOdd > zeroEven ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
