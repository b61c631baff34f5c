package io.alicemultiverse.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/** Byte-to-text helpers for metadata fields: strict-then-lenient UTF-8, bounded inflate and gunzip. */
final class TextDecoding {
    private TextDecoding() {
    }

    /** UTF-8 if the bytes are valid UTF-8, otherwise ISO-8859-1 (what PNG tEXt officially holds). */
    static String utf8OrLatin1(byte[] b, int off, int len) {
        if (isAscii(b, off, len)) {
            // the same text either way; one copy instead of a decoder, a char buffer and a compacting copy
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** zlib-inflates at most {@code max} bytes; throws {@link DataFormatException} on corrupt or oversized data. */
    static byte[] inflate(byte[] b, int off, int len, int max) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, Math.max(64, len * 4)));
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0) {
                    if (inf.needsInput() || inf.needsDictionary()) {
                        break;
                    }
                }
                out.write(buf, 0, n);
                if (out.size() > max) {
                    throw new DataFormatException("inflates to more than " + max + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    /** gunzips at most {@code max} bytes. */
    static byte[] gunzip(byte[] b, int max) throws java.io.IOException {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            byte[] out = in.readNBytes(max + 1);
            if (out.length > max) {
                throw new java.io.IOException("gzip payload larger than " + max + " bytes");
            }
            return out;
        }
    }
}
