package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.c2pa.C2paSummary;

import java.util.List;
import java.util.Map;

/**
 * The result of inspecting one file: container facts, the recognised generation, and what went wrong. Immutable.
 *
 * @param path        the path as the user gave it (or as found under a given folder)
 * @param format      the container format from magic bytes; {@link MediaFormat#UNKNOWN} if unrecognised
 * @param width       pixel width, null if unknown
 * @param height      pixel height, null if unknown
 * @param generation  the generation metadata; source {@link Source#UNKNOWN} and empty fields when none
 * @param aiGenerated true/false when the file says, null when unknown
 * @param raw         every text entry found (see {@link RawMetadata})
 * @param c2pa        the C2PA summary, null when none
 * @param video       video container facts (duration, codec, creation_time), empty for images
 * @param warnings    problems that did not stop the read
 * @param error       why the file could not be read, null when it was
 */
public record Inspection(
        String path,
        MediaFormat format,
        Integer width,
        Integer height,
        Generation generation,
        Boolean aiGenerated,
        Map<String, String> raw,
        C2paSummary c2pa,
        Map<String, Object> video,
        List<String> warnings,
        String error) {

    public Inspection {
        raw = Map.copyOf(raw).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
        video = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(video));
        warnings = List.copyOf(warnings);
    }

    /** A record for a file that could not be read at all. */
    public static Inspection failed(String path, MediaFormat format, String error) {
        return new Inspection(path, format, null, null, Generation.builder(Source.UNKNOWN).build(), null,
                Map.of(), null, Map.of(), List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }
}
