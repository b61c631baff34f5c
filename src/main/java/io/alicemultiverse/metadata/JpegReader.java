package io.alicemultiverse.metadata;

import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.photoshop.PhotoshopReader;
import com.drew.metadata.xmp.XmpReader;
import io.alicemultiverse.metadata.c2pa.C2paReader;
import io.alicemultiverse.metadata.c2pa.JpegApp11;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JPEG's header segments up to the start of scan (never the entropy-coded image data): SOF size, APP1
 * EXIF and XMP (metadata-extractor), APP13 IPTC, COM comments, and APP11 JUMBF (C2PA). Stateless.
 */
final class JpegReader {
    private static final java.util.regex.Pattern TRAILING_NUL = java.util.regex.Pattern.compile("\\u0000+$");
    private static final Set<JpegSegmentType> SEGMENTS = EnumSet.of(JpegSegmentType.APP1, JpegSegmentType.APPB,
            JpegSegmentType.APPD,
            JpegSegmentType.COM, JpegSegmentType.SOF0, JpegSegmentType.SOF1, JpegSegmentType.SOF2,
            JpegSegmentType.SOF3, JpegSegmentType.SOF5, JpegSegmentType.SOF6, JpegSegmentType.SOF7,
            JpegSegmentType.SOF9, JpegSegmentType.SOF10, JpegSegmentType.SOF11, JpegSegmentType.SOF13,
            JpegSegmentType.SOF14, JpegSegmentType.SOF15);

    private JpegReader() {
    }

    static void read(InputStream in, RawMetadata.Builder out) throws IOException {
        // a file cut inside its header keeps the segments before the cut (JpegSegments notes the damage)
        JpegSegmentData segments = JpegSegments.read(in, SEGMENTS, out);
        Metadata md = new Metadata();
        List<byte[]> app1 = new ArrayList<>();
        for (byte[] s : segments.getSegments(JpegSegmentType.APP1)) {
            app1.add(s);
        }
        new ExifReader().readJpegSegments(app1, md, JpegSegmentType.APP1);
        new XmpReader().readJpegSegments(app1, md, JpegSegmentType.APP1);
        List<byte[]> app13 = new ArrayList<>();
        segments.getSegments(JpegSegmentType.APPD).forEach(app13::add);
        if (!app13.isEmpty()) {
            // Photoshop image resources; IPTC-IIM (8BIM 0x0404) is where some tools put the prompt, as the caption
            new PhotoshopReader().readJpegSegments(app13, md, JpegSegmentType.APPD);
        }
        for (JpegSegmentType sof : SEGMENTS) {
            if (sof.name().startsWith("SOF")) {
                List<byte[]> sofs = new ArrayList<>();
                segments.getSegments(sof).forEach(sofs::add);
                if (!sofs.isEmpty()) {
                    new com.drew.metadata.jpeg.JpegReader().readJpegSegments(sofs, md, sof);
                }
            }
        }
        JpegDirectory jpeg = md.getFirstDirectoryOfType(JpegDirectory.class);
        if (jpeg != null) {
            out.size(jpeg.getInteger(JpegDirectory.TAG_IMAGE_WIDTH), jpeg.getInteger(JpegDirectory.TAG_IMAGE_HEIGHT));
        }
        ExifText.from(md, out);
        for (byte[] com : segments.getSegments(JpegSegmentType.COM)) {
            String c = TRAILING_NUL.matcher(TextDecoding.utf8OrLatin1(com, 0, com.length)).replaceAll("").strip();
            if (!c.isEmpty()) {
                out.text("Jpeg.Comment", c);
            }
        }
        List<byte[]> app11 = new ArrayList<>();
        segments.getSegments(JpegSegmentType.APPB).forEach(app11::add);
        if (!app11.isEmpty()) {
            byte[] jumbf = JpegApp11.assemble(app11);
            if (jumbf != null) {
                out.c2pa(C2paReader.read(jumbf));
            }
        }
    }
}
