package io.alicemultiverse.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import com.drew.metadata.xmp.XmpReader;

import java.util.Map;

/**
 * Flattens XMP properties into {@code Xmp.<prefix>:<name>} text entries (array and alt-text items lose their
 * {@code [n]} suffix; the first item wins). Parsing is metadata-extractor's (Adobe XMPCore). Stateless.
 */
final class XmpText {
    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[\\d+]");
    private XmpText() {
    }

    static void read(String packet, RawMetadata.Builder out) {
        Metadata md = new Metadata();
        try {
            new XmpReader().extract(packet, md);
        } catch (RuntimeException e) {
            out.problem("XMP cannot be read: " + e.getMessage());
            return;
        }
        for (XmpDirectory xmp : md.getDirectoriesOfType(XmpDirectory.class)) {
            from(xmp, out);
            for (String error : xmp.getErrors()) {
                out.problem("XMP: " + error);
            }
        }
    }

    static void from(XmpDirectory xmp, RawMetadata.Builder out) {
        for (Map.Entry<String, String> e : xmp.getXmpProperties().entrySet()) {
            String key = INDEX.matcher(e.getKey()).replaceAll("");
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                out.text("Xmp." + key, e.getValue());
            }
        }
    }
}
