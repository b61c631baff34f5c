package io.alicemultiverse.testsupport;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * XMP sidecars as a photo manager leaves them (keywords in {@code dc:subject}, a star rating), and exiftool to read
 * them as a tool that is not ours does.
 */
public final class XmpFiles {
    private XmpFiles() {
    }

    /** A sidecar with these keywords and rating, made with Adobe's toolkit (as Lightroom's would be). */
    public static byte[] sidecar(int rating, String... keywords) {
        try {
            XMPMeta m = XMPMetaFactory.create();
            for (String k : keywords) {
                m.appendArrayItem(XMPConst.NS_DC, "subject", new PropertyOptions().setArray(true), k, null);
            }
            m.setProperty(XMPConst.NS_XMP, "Rating", String.valueOf(rating));
            return XMPMetaFactory.serializeToBuffer(m, new SerializeOptions().setOmitPacketWrapper(false));
        } catch (XMPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether exiftool is installed (Debian libimage-exiftool-perl; {@code .ci/run} installs it). */
    public static boolean exiftoolPresent() {
        try {
            return new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** The keywords exiftool reads from a sidecar ({@code -XMP-dc:Subject}, one a line). */
    public static List<String> exiftoolSubjects(java.nio.file.Path file) throws Exception {
        Process p = new ProcessBuilder("exiftool", "-s3", "-sep", "|", "-XMP-dc:Subject", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("exiftool failed on " + file);
        }
        List<String> subjects = new ArrayList<>();
        for (String s : out.toString(StandardCharsets.UTF_8).strip().split("\\|")) {
            if (!s.isBlank()) {
                subjects.add(s);
            }
        }
        return subjects;
    }
}
