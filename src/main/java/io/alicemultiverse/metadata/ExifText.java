package io.alicemultiverse.metadata;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the EXIF and XMP that metadata-extractor decoded into {@link RawMetadata} text entries
 * ({@code Exif.UserComment}, {@code Exif.Make}, …, {@code Exif.XPComment}, {@code Xmp.<prop>}), from IFD0 and the
 * Exif sub-IFD alike. Records that generators wrap into one EXIF text field are also unwrapped into the entries a
 * PNG would have held ({@link EmbeddedEntries}), so each parser sees one shape. Stateless.
 */
final class ExifText {
    private static final java.util.regex.Pattern TRAILING_NUL_SPACE = java.util.regex.Pattern.compile("[\\u0000\\s]+$");
    private static final java.util.regex.Pattern TRAILING_NUL = java.util.regex.Pattern.compile("\\u0000+$");
    /** Text fields that generators write into, read from IFD0 and the Exif sub-IFD alike (writers disagree). */
    private static final int[] TEXT_TAGS = {ExifDirectoryBase.TAG_MAKE, ExifDirectoryBase.TAG_MODEL,
            ExifDirectoryBase.TAG_SOFTWARE, ExifDirectoryBase.TAG_IMAGE_DESCRIPTION, ExifDirectoryBase.TAG_ARTIST};
    private static final String[] TEXT_NAMES = {"Make", "Model", "Software", "ImageDescription", "Artist"};
    /** Exposure facts: with a camera maker they say "camera photo" (see {@code Inspector#aiGenerated}). */
    private static final int[] EXPOSURE_TAGS = {ExifDirectoryBase.TAG_EXPOSURE_TIME, ExifDirectoryBase.TAG_FNUMBER,
            ExifDirectoryBase.TAG_ISO_EQUIVALENT};
    private static final String[] EXPOSURE_NAMES = {"ExposureTime", "FNumber", "ISOSpeedRatings"};

    private ExifText() {
    }

    /** Decodes a TIFF-structured EXIF block starting at {@code offset} (after any {@code Exif\0\0} prefix). */
    static void fromTiff(byte[] data, int offset, RawMetadata.Builder out) {
        int start = offset;
        if (data.length >= start + 6 && data[start] == 'E' && data[start + 1] == 'x' && data[start + 2] == 'i'
                && data[start + 3] == 'f') {
            start += 6;
        }
        Metadata md = new Metadata();
        try {
            new ExifReader().extract(new ByteArrayReader(data), md, start);
        } catch (RuntimeException e) {
            out.problem("EXIF cannot be read: " + e.getMessage());
            return;
        }
        from(md, out);
    }

    /** Copies the interesting EXIF and XMP fields of {@code md} into {@code out}, plus any reader errors. */
    static void from(Metadata md, RawMetadata.Builder out) {
        List<ExifDirectoryBase> dirs = new ArrayList<>(md.getDirectoriesOfType(ExifIFD0Directory.class));
        dirs.addAll(md.getDirectoriesOfType(ExifSubIFDDirectory.class));
        for (ExifDirectoryBase dir : dirs) {
            for (int i = 0; i < TEXT_NAMES.length; i++) {
                String v = string(dir, TEXT_TAGS[i]);
                if (v != null) {
                    addExif(TEXT_NAMES[i], v, out);
                }
            }
            // UserComment belongs in the sub-IFD, but some ComfyUI save nodes put it in IFD0, with no charset header
            String comment = UserComment.decode(dir.getByteArray(ExifDirectoryBase.TAG_USER_COMMENT));
            if (comment != null) {
                addExif("UserComment", comment, out);
            }
            String xp = xpComment(dir.getByteArray(ExifDirectoryBase.TAG_WIN_COMMENT));
            if (xp != null) {
                addExif("XPComment", xp, out);
            }
            for (int i = 0; i < EXPOSURE_NAMES.length; i++) {
                String v = dir.getString(EXPOSURE_TAGS[i]);
                if (v != null && !v.isBlank()) {
                    out.text("Exif." + EXPOSURE_NAMES[i], v.strip());
                }
            }
        }
        for (ExifSubIFDDirectory sub : md.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            byte[] maker = sub.getByteArray(ExifSubIFDDirectory.TAG_MAKERNOTE);
            if (maker != null && maker.length > 0 && maker.length < Limits.MAX_TEXT_BYTES) {
                String note = UserComment.decode(maker);
                if (note != null && note.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t' || c == '\r')) {
                    out.text("Exif.MakerNote", note);
                }
            }
            String date = sub.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
            if (date != null) {
                out.text("Exif.DateTimeOriginal", date.strip());
            }
        }
        for (XmpDirectory xmp : md.getDirectoriesOfType(XmpDirectory.class)) {
            XmpText.from(xmp, out);
        }
        IptcText.from(md, out);
        for (Directory d : md.getDirectories()) {
            for (String error : d.getErrors()) {
                out.problem(d.getName() + ": " + error);
            }
        }
    }

    /** Windows' XPComment: UTF-16 little-endian, NUL-terminated. */
    private static String xpComment(byte[] b) {
        if (b == null || b.length < 2) {
            return null;
        }
        String s = new String(b, 0, b.length & ~1, StandardCharsets.UTF_16LE);
        s = TRAILING_NUL_SPACE.matcher(s).replaceAll("");
        return s.isBlank() ? null : s;
    }

    private static void addExif(String name, String value, RawMetadata.Builder out) {
        out.text("Exif." + name, value);
        EmbeddedEntries.expand(value, out);
    }

    private static String string(Directory d, int tag) {
        Object v = d.getObject(tag);
        if (v == null) {
            return null;
        }
        String s;
        if (v instanceof StringValue sv) {
            byte[] b = sv.getBytes();
            s = TextDecoding.utf8OrLatin1(b, 0, b.length);
        } else if (v instanceof byte[] b) {
            s = TextDecoding.utf8OrLatin1(b, 0, b.length);
        } else {
            s = d.getString(tag);
        }
        if (s == null) {
            return null;
        }
        s = TRAILING_NUL.matcher(s).replaceAll("").strip();
        return s.isEmpty() ? null : s;
    }

    static void putAll(Map<String, String> entries, RawMetadata.Builder out) {
        entries.forEach(out::text);
    }
}
