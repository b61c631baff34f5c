package io.alicemultiverse.metadata;

import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Walks a JPEG's header segments up to the start of scan, keeping the wanted ones. Unlike metadata-extractor's
 * {@code JpegSegmentReader}, which throws away every segment when the file ends early, a file cut inside its
 * header keeps the segments read before the cut — and the readable start of a cut COM or APP1 segment (a comment's
 * text, EXIF whose first tags are whole) — with a problem saying where it ends. Stateless.
 */
final class JpegSegments {
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegSegments() {
    }

    /** The wanted segments of {@code in} (positioned at the SOI marker); damage goes to {@code out} as a problem. */
    static JpegSegmentData read(InputStream in, Set<JpegSegmentType> wanted, RawMetadata.Builder out)
            throws IOException {
        JpegSegmentData data = new JpegSegmentData();
        long at = 0;
        if (in.read() != 0xFF || in.read() != 0xD8) {
            out.problem("JPEG structure: no start-of-image marker");
            return data;
        }
        at += 2;
        while (true) {
            int b = in.read();
            if (b < 0) {
                out.problem("JPEG ends at byte " + at + ", before its image data: the segments before it are kept");
                return data;
            }
            if (b != 0xFF) {
                out.problem("JPEG structure: no segment marker at byte " + at + ": the segments before it are kept");
                return data;
            }
            int marker = in.read();
            at++;
            while (marker == 0xFF) { // fill bytes
                marker = in.read();
                at++;
            }
            if (marker < 0) {
                out.problem("JPEG ends at byte " + at + ", before its image data: the segments before it are kept");
                return data;
            }
            at++;
            if (marker == SOS || marker == EOI) {
                return data;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) { // TEM, RSTn, SOI: no length
                continue;
            }
            int hi = in.read();
            int lo = in.read();
            if (hi < 0 || lo < 0) {
                out.problem(cut(marker, at));
                return data;
            }
            at += 2;
            int length = (hi << 8 | lo) - 2;
            if (length < 0) {
                out.problem("JPEG structure: a segment length below 2 at byte " + (at - 2)
                        + ": the segments before it are kept");
                return data;
            }
            JpegSegmentType type = JpegSegmentType.fromByte((byte) marker);
            if (type != null && wanted.contains(type)) {
                byte[] bytes = in.readNBytes(length);
                at += bytes.length;
                if (bytes.length < length) {
                    if (marker == 0xFE || marker == 0xE1) { // text and EXIF: the start is worth reading
                        data.addSegment((byte) marker, bytes);
                    }
                    out.problem(cut(marker, at));
                    return data;
                }
                data.addSegment((byte) marker, bytes);
            } else {
                long skipped = skip(in, length);
                at += skipped;
                if (skipped < length) {
                    out.problem(cut(marker, at));
                    return data;
                }
            }
        }
    }

    /** Skips up to {@code n} bytes; how many there were. */
    private static long skip(InputStream in, long n) throws IOException {
        long done = 0;
        while (done < n) {
            long k = in.skip(n - done);
            if (k <= 0) {
                if (in.read() < 0) {
                    break;
                }
                k = 1;
            }
            done += k;
        }
        return done;
    }

    private static String cut(int marker, long at) {
        return String.format("JPEG ends at byte %d, inside its %s segment (0xFF%02X): what came before it is kept",
                at, name(marker), marker);
    }

    private static String name(int marker) {
        if (marker == 0xFE) {
            return "COM";
        }
        if (marker >= 0xE0 && marker <= 0xEF) {
            return "APP" + (marker - 0xE0);
        }
        JpegSegmentType t = JpegSegmentType.fromByte((byte) marker);
        return t == null ? "unknown" : t.name();
    }
}
