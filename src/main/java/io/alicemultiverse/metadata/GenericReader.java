package io.alicemultiverse.metadata;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.gif.GifCommentDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Formats read through metadata-extractor's generic dispatch (GIF, BMP, TIFF, and MP4/QuickTime headers when
 * ffprobe is missing): size, EXIF/XMP text, GIF comments, container dates. Stateless.
 */
final class GenericReader {
    private GenericReader() {
    }

    static void read(Path file, RawMetadata.Builder out) throws IOException {
        Metadata md;
        try {
            md = ImageMetadataReader.readMetadata(file.toFile());
        } catch (com.drew.imaging.ImageProcessingException | RuntimeException e) {
            out.problem("container: " + e.getMessage());
            return;
        }
        size(md, out);
        ExifText.from(md, out);
        for (GifCommentDirectory c : md.getDirectoriesOfType(GifCommentDirectory.class)) {
            // metadata-extractor decodes the comment as ASCII; writers (Pillow, exiftool) write UTF-8
            String s = c.getObject(GifCommentDirectory.TAG_COMMENT) instanceof StringValue v
                    ? TextDecoding.utf8OrLatin1(v.getBytes(), 0, v.getBytes().length)
                    : c.getString(GifCommentDirectory.TAG_COMMENT);
            if (s != null) {
                out.text("Gif.Comment", s);
            }
        }
        for (Mp4Directory d : md.getDirectoriesOfType(Mp4Directory.class)) {
            out.video("creation_time", d.getString(Mp4Directory.TAG_CREATION_TIME));
            Double duration = duration(d, Mp4Directory.TAG_DURATION, Mp4Directory.TAG_TIME_SCALE);
            out.video("duration", duration);
        }
        for (QuickTimeDirectory d : md.getDirectoriesOfType(QuickTimeDirectory.class)) {
            out.video("creation_time", d.getString(QuickTimeDirectory.TAG_CREATION_TIME));
            out.video("duration", duration(d, QuickTimeDirectory.TAG_DURATION, QuickTimeDirectory.TAG_TIME_SCALE));
        }
    }

    private static Double duration(Directory d, int durationTag, int scaleTag) {
        Long duration = d.getLongObject(durationTag);
        Long scale = d.getLongObject(scaleTag);
        return duration != null && scale != null && scale > 0 ? duration / (double) scale : null;
    }

    private static void size(Metadata md, RawMetadata.Builder out) {
        GifHeaderDirectory gif = md.getFirstDirectoryOfType(GifHeaderDirectory.class);
        if (gif != null) {
            out.size(gif.getInteger(GifHeaderDirectory.TAG_IMAGE_WIDTH), gif.getInteger(GifHeaderDirectory.TAG_IMAGE_HEIGHT));
        }
        BmpHeaderDirectory bmp = md.getFirstDirectoryOfType(BmpHeaderDirectory.class);
        if (bmp != null) {
            Integer h = bmp.getInteger(BmpHeaderDirectory.TAG_IMAGE_HEIGHT);
            out.size(bmp.getInteger(BmpHeaderDirectory.TAG_IMAGE_WIDTH), h == null ? null : Math.abs(h));
        }
        Mp4VideoDirectory mp4 = md.getFirstDirectoryOfType(Mp4VideoDirectory.class);
        if (mp4 != null) {
            out.size(mp4.getInteger(Mp4VideoDirectory.TAG_WIDTH), mp4.getInteger(Mp4VideoDirectory.TAG_HEIGHT));
        }
        QuickTimeVideoDirectory qt = md.getFirstDirectoryOfType(QuickTimeVideoDirectory.class);
        if (qt != null) {
            out.size(qt.getInteger(QuickTimeVideoDirectory.TAG_WIDTH), qt.getInteger(QuickTimeVideoDirectory.TAG_HEIGHT));
        }
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 != null) {
            out.size(ifd0.getInteger(ExifIFD0Directory.TAG_IMAGE_WIDTH), ifd0.getInteger(ExifIFD0Directory.TAG_IMAGE_HEIGHT));
        }
    }
}
