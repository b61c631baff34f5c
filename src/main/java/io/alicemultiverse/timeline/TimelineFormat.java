package io.alicemultiverse.timeline;

import java.util.Locale;

/** The interchange formats a timeline is written in, each with its writer and usual file extension. */
public enum TimelineFormat {
    OTIO(new OtioWriter(), ".otio", "application/json"),
    FCPXML(new FcpxmlWriter(), ".fcpxml", "application/xml"),
    EDL(new EdlWriter(), ".edl", "text/plain");

    private final TimelineWriter writer;
    private final String extension;
    private final String contentType;

    TimelineFormat(TimelineWriter writer, String extension, String contentType) {
        this.writer = writer;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The format named {@code name} (case-insensitive). */
    public static TimelineFormat of(String name) {
        try {
            return valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be otio, fcpxml or edl, not '" + name + "'");
        }
    }

    /** The timeline as this format's text. */
    public String write(Timeline timeline) {
        return writer.write(timeline);
    }

    /** Writes the timeline to {@code file} crash-safely (a temporary file renamed into place). */
    public void writeTo(java.nio.file.Path file, Timeline timeline) throws java.io.IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; give a file name with -o");
        }
        io.alicemultiverse.media.AtomicReplace.write(file,
                write(timeline).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
