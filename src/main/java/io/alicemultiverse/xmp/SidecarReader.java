package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.properties.XMPProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads an XMP sidecar (ours or any tool's) with Adobe's XMP Toolkit. Stateless and thread-safe. */
public final class SidecarReader {
    /** Sidecars larger than this are refused rather than parsed (a keyword list is kilobytes). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    static {
        Namespaces.ensure();
    }

    private SidecarReader() {
    }

    /**
     * The sidecar at {@code file}.
     *
     * @throws IOException naming the file when it cannot be read or is not XMP
     */
    public static Sidecar read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes; not read as XMP");
        }
        try {
            return of(XMPMetaFactory.parseFromBuffer(Files.readAllBytes(file)));
        } catch (XMPException e) {
            throw new IOException(file + ": not readable as XMP: " + e.getMessage(), e);
        }
    }

    /** A keyword as a tag: trimmed, inner spaces made one, lower-case (how {@code xmp read} compares them). */
    static String keyword(String subject) {
        return subject.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    static Sidecar of(XMPMeta meta) throws XMPException {
        Integer rating = integer(meta, XMPConst.NS_XMP, "Rating");
        rating = rating == null || rating == 0 ? null : rating; // 0 is "unrated" in XMP, as -1 is "rejected"
        XMPProperty d = meta.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT);
        XMPProperty h = meta.getProperty(Namespaces.ALICE, "contentHash");
        return new Sidecar(SidecarWriter.items(meta, XMPConst.NS_DC, "subject"), rating,
                d == null ? null : d.getValue(), h == null ? null : h.getValue(), paths(meta), labels(meta),
                picks(meta), integer(meta, Namespaces.ALICE, "rating"),
                SidecarWriter.items(meta, Namespaces.ALICE, "synced"), ours(meta));
    }

    /** The tags of the entries under alice's own hierarchies: the last level, as {@link #keyword} makes it. */
    private static List<String> ours(XMPMeta meta) throws XMPException {
        Set<String> out = new LinkedHashSet<>();
        for (String h : SidecarWriter.items(meta, Namespaces.LIGHTROOM, "hierarchicalSubject")) {
            if (SidecarWriter.ours(h)) {
                add(out, keyword(h.substring(h.lastIndexOf('|') + 1)));
            }
        }
        return List.copyOf(out);
    }

    /** The keyword paths of other tools: Lightroom's hierarchy (not our own branches) and digiKam's tag list. */
    static List<String> paths(XMPMeta meta) throws XMPException {
        Set<String> out = new LinkedHashSet<>();
        for (String h : SidecarWriter.items(meta, Namespaces.LIGHTROOM, "hierarchicalSubject")) {
            // darktable's own tags (darktable|format|png, darktable|changed) say how it handled the file, not what it shows
            if (!SidecarWriter.ours(h) && !h.strip().toLowerCase(java.util.Locale.ROOT).startsWith("darktable|")) {
                add(out, SidecarTags.pathTag(h, '|'));
            }
        }
        for (String t : SidecarWriter.items(meta, Namespaces.DIGIKAM, "TagsList")) {
            if (!t.startsWith("_Digikam_Internal_Tags_")) {
                add(out, SidecarTags.pathTag(t, '/'));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Colour labels, each once whichever tools wrote it ({@link SidecarTags#colour}): {@code xmp:Label}, darktable's
     * and digiKam's numbers as colour names.
     */
    static List<String> labels(XMPMeta meta) throws XMPException {
        Set<String> out = new LinkedHashSet<>();
        XMPProperty label = meta.getProperty(XMPConst.NS_XMP, "Label");
        if (label != null) {
            add(out, SidecarTags.colour(label.getValue()));
        }
        for (String n : SidecarWriter.items(meta, Namespaces.DARKTABLE, "colorlabels")) {
            add(out, named(SidecarTags.DARKTABLE, n.strip(), 0));
        }
        XMPProperty digikam = meta.getProperty(Namespaces.DIGIKAM, "ColorLabel");
        if (digikam != null) {
            add(out, named(SidecarTags.DIGIKAM, digikam.getValue(), 1));
        }
        return List.copyOf(out);
    }

    static List<String> picks(XMPMeta meta) throws XMPException {
        XMPProperty pick = meta.getProperty(Namespaces.DIGIKAM, "PickLabel");
        String name = pick == null ? null : named(SidecarTags.PICKS, pick.getValue(), 1);
        return name == null ? List.of() : List.of(name);
    }

    /** The name at index {@code number} of {@code names}, from {@code first} on; null for anything else. */
    static String named(List<String> names, String number, int first) {
        try {
            int i = Integer.parseInt(number == null ? "" : number.strip());
            return i >= first && i < names.size() ? names.get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void add(Set<String> out, String value) {
        if (value != null && !value.isEmpty() && value.length() <= 100) {
            out.add(value);
        }
    }

    /** A whole number property (XMP ratings may be written {@code 4.0}); null when absent or unreadable. */
    private static Integer integer(XMPMeta meta, String ns, String name) throws XMPException {
        XMPProperty r = meta.getProperty(ns, name);
        if (r == null || r.getValue() == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(r.getValue().strip()));
        } catch (NumberFormatException e) {
            return null; // a rating we cannot read is no rating
        }
    }
}
