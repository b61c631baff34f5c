package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.properties.XMPProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Integer rating = null;
        XMPProperty r = meta.getProperty(XMPConst.NS_XMP, "Rating");
        if (r != null && r.getValue() != null) {
            try {
                rating = (int) Math.round(Double.parseDouble(r.getValue().strip()));
                rating = rating == 0 ? null : rating; // 0 is "unrated" in XMP, as -1 is "rejected"
            } catch (NumberFormatException e) {
                rating = null; // a rating we cannot read is no rating
            }
        }
        XMPProperty d = meta.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT);
        XMPProperty h = meta.getProperty(Namespaces.ALICE, "contentHash");
        return new Sidecar(SidecarWriter.items(meta, XMPConst.NS_DC, "subject"), rating,
                d == null ? null : d.getValue(), h == null ? null : h.getValue());
    }
}
