package io.alicemultiverse.web;

import java.util.Locale;

/**
 * The one byte range a {@code Range} header asks of a file of known size (RFC 9110 §14): {@code bytes=a-b},
 * {@code bytes=a-} or the suffix {@code bytes=-n}, clipped to the file. Browsers ask for ranges to seek in a video
 * and expect 206 Partial Content. A header this server does not serve a range for (another unit, several ranges,
 * garbage) is ignored, as the RFC allows: the whole file goes out with 200. A range that starts past the end is
 * {@linkplain #satisfiable() unsatisfiable} (416). Hand-written: Javalin's seekable writer reads {@code bytes=-n}
 * as a start offset and answers no 416. Immutable.
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive ({@code -1} when unsatisfiable)
 */
record ByteRange(long start, long end) {
    private static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /** The range {@code header} asks of a file of {@code size} bytes; null to send the whole file. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return null;
        }
        String spec = h.substring(6).strip();
        if (spec.contains(",")) {
            return null; // several ranges would need multipart/byteranges; the whole file is a valid answer
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) { // a suffix: the last n bytes
                long n = digits(last);
                return n == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - n), size - 1);
            }
            long start = digits(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : digits(last);
            if (end < start) {
                return null; // invalid: ignored
            }
            return start >= size ? UNSATISFIABLE : new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long digits(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s); // past Long.MAX_VALUE: NumberFormatException, the header is ignored
    }

    boolean satisfiable() {
        return start >= 0;
    }

    long length() {
        return end - start + 1;
    }

    /** The {@code Content-Range} value for a file of {@code size} bytes. */
    String contentRange(long size) {
        return satisfiable() ? "bytes " + start + "-" + end + "/" + size : "bytes */" + size;
    }
}
