package io.alicemultiverse.metadata;

import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcReader;
import com.drew.metadata.photoshop.PhotoshopReader;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * ImageMagick's PNG text chunks {@code Raw profile type exif|APP1|xmp|iptc}: a profile written as hex,
 * {@code "\nexif\n   <length>\n<hex lines>"}. A JPEG converted to PNG by ImageMagick carries its EXIF (and with
 * it an A1111 UserComment), XMP and IPTC only there; exiftool reads them, so alice does too. Stateless.
 */
final class RawProfile {
    static final String PREFIX = "raw profile type ";

    private RawProfile() {
    }

    /** Decodes the profile in {@code value} of the chunk {@code key} into {@code out}; other keys are ignored. */
    static void read(String key, String value, RawMetadata.Builder out) {
        String type = key.toLowerCase(Locale.ROOT);
        if (!type.startsWith(PREFIX)) {
            return;
        }
        type = type.substring(PREFIX.length()).strip();
        if (!type.equals("exif") && !type.equals("app1") && !type.equals("xmp") && !type.equals("iptc")
                && !type.equals("8bim")) {
            return;
        }
        byte[] d = hex(value);
        if (d == null) {
            out.problem("'" + key + "' is not a hex profile");
            return;
        }
        switch (type) {
            case "exif", "app1" -> {
                if (startsWith(d, "http://ns.adobe.com/xap/1.0/\0")) { // an APP1 profile may hold XMP instead
                    XmpText.read(new String(d, 29, d.length - 29, StandardCharsets.UTF_8), out);
                } else {
                    ExifText.fromTiff(d, 0, out);
                }
            }
            case "xmp" -> XmpText.read(new String(d, StandardCharsets.UTF_8), out);
            default -> {
                Metadata md = new Metadata();
                if (startsWith(d, "8BIM")) {
                    new PhotoshopReader().extract(new SequentialByteArrayReader(d), d.length, md);
                } else {
                    new IptcReader().extract(new SequentialByteArrayReader(d), md, d.length);
                }
                IptcText.from(md, out);
            }
        }
    }

    /** The bytes after the name and length lines, or null when they are not hex. */
    private static byte[] hex(String value) {
        String[] lines = value.strip().split("\n", 3);
        if (lines.length < 3) {
            return null;
        }
        String digits = lines[2].replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            return null;
        }
        try {
            return java.util.HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] d, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return d.length >= p.length && java.util.Arrays.equals(d, 0, p.length, p, 0, p.length);
    }
}
