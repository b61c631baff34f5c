package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.c2pa.C2paSummary;
import io.alicemultiverse.metadata.generators.GeneratorRegistry;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Inspects one file: reads its container, recognises the generator, decides whether it is AI-generated. Never
 * throws for anything about the file; every failure becomes {@link Inspection#error()}. Stateless, thread-safe.
 */
public final class Inspector {
    private Inspector() {
    }

    /** Inspects {@code file}, reporting it under {@code shownPath}. */
    public static Inspection inspect(Path file, String shownPath) {
        return inspect(file, shownPath, null);
    }

    /**
     * Inspects {@code file} from {@code content}, its bytes already read (position to limit), so the inspection
     * describes exactly those bytes; from the file when {@code content} is null. See
     * {@link MetadataReader#read(Path, java.nio.ByteBuffer)} for what is still read from disk.
     */
    public static Inspection inspect(Path file, String shownPath, java.nio.ByteBuffer content) {
        try {
            if (content == null && Files.isDirectory(file)) {
                return Inspection.failed(shownPath, MediaFormat.UNKNOWN, "is a directory");
            }
            if (content != null ? !content.hasRemaining() : Files.size(file) == 0) {
                return Inspection.failed(shownPath, MediaFormat.UNKNOWN, "zero-byte file");
            }
            RawMetadata raw = MetadataReader.read(file, content);
            return fromRaw(shownPath, raw);
        } catch (NoSuchFileException e) {
            return Inspection.failed(shownPath, MediaFormat.UNKNOWN, "no such file");
        } catch (AccessDeniedException e) {
            return Inspection.failed(shownPath, MediaFormat.UNKNOWN, "permission denied");
        } catch (IOException e) {
            return Inspection.failed(shownPath, MediaFormat.UNKNOWN, "cannot be read: " + MetadataReader.describe(e));
        } catch (OutOfMemoryError | RuntimeException e) {
            // a reader bug or a hostile file must cost one record, not the run
            return Inspection.failed(shownPath, MediaFormat.UNKNOWN,
                    "internal error while reading: " + e.getClass().getSimpleName() + ": " + MetadataReader.describe(e));
        }
    }

    /** Recognises the generation in already-read metadata. */
    public static Inspection fromRaw(String shownPath, RawMetadata raw) {
        Generation generation = GeneratorRegistry.detect(raw).orElseGet(() -> Generation.builder(Source.UNKNOWN).build());
        String error = null;
        if (raw.format() == MediaFormat.UNKNOWN) {
            error = "not a recognised image or video format";
        } else if (raw.width() == null && !raw.format().isVideo() && !raw.problems().isEmpty()
                && !readSomething(generation, raw)) {
            // an image cut before its size segment still counts when its metadata was read (as exiftool reads what
            // it can and warns): the damage stays in the warnings; one that gave nothing at all is an error
            error = raw.problems().get(0);
        }
        return new Inspection(shownPath, raw.format(), raw.width(), raw.height(), generation,
                aiGenerated(generation, raw), raw.text(), raw.c2pa(), raw.video(), raw.problems(), error);
    }

    /** Whether the file gave anything beyond its format: a generation, a text entry or a C2PA manifest. */
    private static boolean readSomething(Generation generation, RawMetadata raw) {
        return generation.source() != Source.UNKNOWN || generation.prompt() != null || !raw.text().isEmpty()
                || raw.c2pa() != null;
    }

    /**
     * True when a generator was recognised, a generation record was read (a prompt, seed or step count, whoever
     * wrote it) or an IPTC digital source type (C2PA or XMP) says trained algorithmic media; false when C2PA or XMP
     * names a non-generative digital source type, or when the file is a camera photo (a camera's EXIF make and
     * model with an exposure, and nothing above); null when nothing says.
     */
    static Boolean aiGenerated(Generation generation, RawMetadata raw) {
        if (generation.source() != Source.UNKNOWN || generation.prompt() != null || !generation.seeds().isEmpty()
                || generation.steps() != null) {
            return true;
        }
        C2paSummary c2pa = raw.c2pa();
        if (c2pa != null && c2pa.saysAiGenerated()) {
            return true;
        }
        String xmpType = raw.get("Xmp.Iptc4xmpExt:DigitalSourceType");
        if (xmpType != null && xmpType.toLowerCase(Locale.ROOT).contains("trainedalgorithmicmedia")) {
            return true;
        }
        if ((c2pa != null && !c2pa.digitalSourceTypes().isEmpty()) || xmpType != null) {
            return false;
        }
        return CameraPhoto.is(raw) ? false : null;
    }
}
