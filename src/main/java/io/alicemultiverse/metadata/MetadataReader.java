package io.alicemultiverse.metadata;

import io.alicemultiverse.media.BytesChannel;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.media.Probes;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads everything a file's container holds into {@link RawMetadata}: detects the format from magic bytes, then
 * dispatches to one reader per container. Never decodes pixels, except {@link StealthReader} on PNGs with an alpha
 * channel or with no other metadata. Problems inside the file become {@link RawMetadata#problems()}; only a file
 * that cannot be opened at all throws. Stateless and thread-safe.
 */
final class MetadataReader {
    private MetadataReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be opened or read at all (missing, unreadable, a directory)
     */
    public static RawMetadata read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads {@code file} from {@code content} (its bytes, already read: position to limit) where that suffices, so
     * what is read is exactly the bytes a caller hashed and will copy; from the file when {@code content} is null.
     * Videos and the formats read by path (GIF, BMP, TIFF) and a {@code .txt} beside the file are read from disk.
     */
    static RawMetadata read(Path file, ByteBuffer content) throws IOException {
        try (FileChannel ch = content == null ? FileChannel.open(file, StandardOpenOption.READ)
                : new BytesChannel(content)) {
            ByteBuffer head = ByteBuffer.allocate(FormatSniffer.HEAD_LENGTH);
            int n = Math.max(0, ch.read(head, 0));
            MediaFormat format = FormatSniffer.sniff(head.array(), n);
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            RawMetadata.Builder out = RawMetadata.builder(name, format);
            try {
                container(file, ch, format, out);
            } catch (IOException | RuntimeException e) {
                // a damaged container: keep whatever was read before the damage
                out.problem(format.id() + " container damaged: " + describe(e));
            }
            if (format == MediaFormat.PNG && (out.build().hasAlpha() || !out.hasText())) {
                StealthReader.read(file, content, out);
            }
            if (format.isImage()) {
                sidecar(file, out);
            }
            return out.build();
        }
    }

    private static void container(Path file, FileChannel ch, MediaFormat format, RawMetadata.Builder out)
            throws IOException {
        switch (format) {
            case PNG -> PngReader.read(ch, out);
            case JPEG -> {
                // 8 KB: segment headers come from the buffer and a large segment (EXIF, XMP) bypasses it into its
                // own array; a 64 KB buffer per file was the largest single allocation of an inspect run
                InputStream in = new BufferedInputStream(Channels.newInputStream(ch.position(0)), 8 * 1024);
                JpegReader.read(in, out);
            }
            case WEBP -> WebpReader.read(ch, out);
            case JXL -> JxlReader.read(ch, out);
            // metadata-extractor is not asked: 2.21's HEIF reader finds no EXIF or XMP (read here, with the size),
            // and its box readers allocate whatever a box claims before reading it (fuzzing: 98-, 242- and 68-byte
            // files made it allocate 0.5-1.8 GB, through its HEIF and, for brands it does not know, QuickTime readers)
            case AVIF, HEIC -> {
                if (IsoBmffReader.readSize(ch, out)) {
                    BmffC2pa.read(ch, out);
                }
            }
            case MP4, MOV -> {
                VideoReader.read(file, out);
                BmffC2pa.read(ch, out);
            }
            case WEBM, MKV, AVI -> VideoReader.read(file, out);
            case GIF, BMP, TIFF -> GenericReader.read(file, out);
            default -> { }
        }
    }

    /** A1111's "save text information about generation parameters as text file": {@code <name>.txt} beside it. */
    private static void sidecar(Path file, RawMetadata.Builder out) {
        String name = file.getFileName() == null ? null : file.getFileName().toString();
        if (name == null) {
            return;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path txt = file.resolveSibling(stem + ".txt");
        try {
            // nearly every file has no .txt beside it: asked without a JDK-internal exception (Probes)
            if (Probes.file(txt) && Files.size(txt) <= Limits.MAX_SIDECAR_BYTES) {
                byte[] b = Files.readAllBytes(txt);
                out.text("sidecar.txt", TextDecoding.utf8OrLatin1(b, 0, b.length));
            }
        } catch (IOException | SecurityException e) {
            out.problem("sidecar " + txt.getFileName() + " cannot be read: " + describe(e));
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

}
