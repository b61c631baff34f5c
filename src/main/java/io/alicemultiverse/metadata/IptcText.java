package io.alicemultiverse.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.iptc.IptcDirectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the IPTC-IIM records metadata-extractor decoded (JPEG APP13 Photoshop 8BIM 0x0404, TIFF tag 33723) into
 * {@code Iptc.<name>} text entries. Text is UTF-8 when record 1:90 (CodedCharacterSet) says {@code ESC % G}, else
 * ISO-8859-1, as IPTC and exiftool read it; a repeated dataset (Keywords) is joined with ", ". Stateless.
 */
final class IptcText {
    private static final int[] TAGS = {IptcDirectory.TAG_CAPTION, IptcDirectory.TAG_HEADLINE,
            IptcDirectory.TAG_OBJECT_NAME, IptcDirectory.TAG_KEYWORDS, IptcDirectory.TAG_SPECIAL_INSTRUCTIONS,
            IptcDirectory.TAG_BY_LINE, IptcDirectory.TAG_CREDIT, IptcDirectory.TAG_SOURCE,
            IptcDirectory.TAG_ORIGINATING_PROGRAM, IptcDirectory.TAG_PROGRAM_VERSION};
    private static final String[] NAMES = {"Caption-Abstract", "Headline", "ObjectName", "Keywords",
            "SpecialInstructions", "By-line", "Credit", "Source", "OriginatingProgram", "ProgramVersion"};

    private IptcText() {
    }

    static void from(Metadata md, RawMetadata.Builder out) {
        for (IptcDirectory dir : md.getDirectoriesOfType(IptcDirectory.class)) {
            // metadata-extractor names the charset 1:90 declares; ESC % G is UTF-8
            String declared = dir.getString(IptcDirectory.TAG_CODED_CHARACTER_SET);
            boolean utf8 = declared != null && declared.replace("-", "").equalsIgnoreCase("UTF8");
            for (int i = 0; i < TAGS.length; i++) {
                String v = text(dir.getObject(TAGS[i]), utf8);
                if (v != null) {
                    out.text("Iptc." + NAMES[i], v);
                }
            }
        }
    }

    private static String text(Object value, boolean utf8) {
        List<String> parts = new ArrayList<>();
        if (value instanceof StringValue[] many) {
            for (StringValue s : many) {
                add(decode(s.getBytes(), utf8), parts);
            }
        } else if (value instanceof StringValue s) {
            add(decode(s.getBytes(), utf8), parts);
        } else if (value instanceof String[] many) {
            for (String s : many) {
                add(s, parts);
            }
        } else if (value != null) {
            add(value.toString(), parts);
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String decode(byte[] b, boolean utf8) {
        if (b == null) {
            return null;
        }
        return utf8 ? new String(b, StandardCharsets.UTF_8) : new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void add(String s, List<String> parts) {
        if (s != null) {
            String t = s.replace("\u0000", "").strip();
            if (!t.isEmpty()) {
                parts.add(t);
            }
        }
    }
}
