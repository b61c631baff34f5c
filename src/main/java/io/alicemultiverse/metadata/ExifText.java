package io.alicemultiverse.metadata;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import java.util.Map;

/**
 * Turns the EXIF and XMP that metadata-extractor decoded into {@link RawMetadata} text entries
 * ({@code Exif.UserComment}, {@code Exif.Make}, …, {@code Xmp.<prop>}). ComfyUI's WebP convention of EXIF
 * {@code Make}/{@code Model}/{@code ImageDescription} = {@code "workflow:{…}"}/{@code "prompt:{…}"} is normalised
 * into {@code workflow}/{@code prompt} entries so the ComfyUI parser sees one shape. Stateless.
 */
final class ExifText {
    private static final int[][] IFD0_TAGS = {
            {ExifIFD0Directory.TAG_MAKE}, {ExifIFD0Directory.TAG_MODEL}, {ExifIFD0Directory.TAG_SOFTWARE},
            {ExifIFD0Directory.TAG_IMAGE_DESCRIPTION}, {ExifIFD0Directory.TAG_ARTIST}};
    private static final String[] IFD0_NAMES = {"Make", "Model", "Software", "ImageDescription", "Artist"};

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
        for (ExifIFD0Directory ifd0 : md.getDirectoriesOfType(ExifIFD0Directory.class)) {
            for (int i = 0; i < IFD0_NAMES.length; i++) {
                String v = string(ifd0, IFD0_TAGS[i][0]);
                if (v != null) {
                    addExif(IFD0_NAMES[i], v, out);
                }
            }
        }
        for (ExifSubIFDDirectory sub : md.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            String comment = UserComment.decode(sub.getByteArray(ExifSubIFDDirectory.TAG_USER_COMMENT));
            if (comment != null) {
                addExif("UserComment", comment, out);
            }
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
        for (Directory d : md.getDirectories()) {
            for (String error : d.getErrors()) {
                out.problem(d.getName() + ": " + error);
            }
        }
    }

    private static void addExif(String name, String value, RawMetadata.Builder out) {
        out.text("Exif." + name, value);
        String v = value.stripLeading();
        if (v.startsWith("workflow:") && v.indexOf('{') > 0) {
            out.text("workflow", v.substring(v.indexOf(':') + 1));
        } else if (v.startsWith("prompt:") && v.indexOf('{') > 0) {
            out.text("prompt", v.substring(v.indexOf(':') + 1));
        }
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
        s = s.replaceAll("\\u0000+$", "").strip();
        return s.isEmpty() ? null : s;
    }

    static void putAll(Map<String, String> entries, RawMetadata.Builder out) {
        entries.forEach(out::text);
    }
}
