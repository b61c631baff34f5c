package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.c2pa.C2paSummary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a container holds that may describe how the file was made, before any generator is recognised.
 * Immutable.
 *
 * <p>Text entries are keyed by where they came from, in file order:
 * PNG text chunks by their keyword ({@code parameters}, {@code prompt}, {@code Comment}…);
 * EXIF fields as {@code Exif.UserComment}, {@code Exif.Make}, {@code Exif.Model}, {@code Exif.Software},
 * {@code Exif.ImageDescription}, {@code Exif.MakerNote}, {@code Exif.Artist}, {@code Exif.DateTimeOriginal};
 * XMP properties as {@code Xmp.<prefix>:<name>} (e.g. {@code Xmp.exif:UserComment});
 * IPTC-IIM datasets as {@code Iptc.<name>} (e.g. {@code Iptc.Caption-Abstract});
 * JPEG comments as {@code Jpeg.Comment}; stealth payloads by their signature ({@code stealth_pnginfo}…);
 * a sidecar file as {@code sidecar.txt}; video container tags as {@code Video.<tag>}.
 *
 * @param fileName  the file's name, for last-resort hints
 * @param format    the container format, from magic bytes
 * @param width     pixel width, null if unknown
 * @param height    pixel height, null if unknown
 * @param hasAlpha  whether the image carries an alpha channel
 * @param text      text entries as described above
 * @param c2pa      the C2PA manifest summary, null when the file has none
 * @param video     container facts from ffprobe (duration, codec, creation_time…), empty for images
 * @param problems  what could not be read, in plain words
 */
public record RawMetadata(
        String fileName,
        MediaFormat format,
        Integer width,
        Integer height,
        boolean hasAlpha,
        Map<String, String> text,
        C2paSummary c2pa,
        Map<String, Object> video,
        List<String> problems) {

    public RawMetadata {
        text = Collections.unmodifiableMap(new LinkedHashMap<>(text));
        video = Collections.unmodifiableMap(new LinkedHashMap<>(video));
        problems = List.copyOf(problems);
    }

    /** The text entry with exactly this key, or null. */
    public String get(String key) {
        return text.get(key);
    }

    /** The text entry with this key ignoring case, or null. */
    public String getIgnoreCase(String key) {
        String v = text.get(key);
        if (v != null) {
            return v;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : text.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    public boolean has(String key) {
        return text.containsKey(key);
    }

    public static Builder builder(String fileName, MediaFormat format) {
        return new Builder(fileName, format);
    }

    /** Collects what readers find. Not thread-safe. */
    public static final class Builder {
        private final String fileName;
        private final MediaFormat format;
        private Integer width;
        private Integer height;
        private boolean hasAlpha;
        private final Map<String, String> text = new LinkedHashMap<>();
        private C2paSummary c2pa;
        private final Map<String, Object> video = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private long textChars;
        private boolean textFull;

        private Builder(String fileName, MediaFormat format) {
            this.fileName = fileName;
            this.format = format;
        }

        public Builder size(Integer w, Integer h) {
            if (w != null && w > 0 && h != null && h > 0 && width == null) {
                width = w;
                height = h;
            }
            return this;
        }

        public Builder hasAlpha(boolean a) { hasAlpha = a; return this; }

        /** Adds a text entry; a repeated key keeps the first value and stores later ones as {@code key#2}, …. */
        public Builder text(String key, String value) {
            if (key == null || value == null) {
                return this;
            }
            if (value.startsWith("\uFEFF")) {
                value = value.substring(1); // a byte-order mark some writers (Windows tools) put first
            }
            if (value.length() > textRoom()) {
                full();
                return this;
            }
            textChars += value.length();
            if (!text.containsKey(key)) {
                text.put(key, value);
                return this;
            }
            if (text.get(key).equals(value)) {
                return this;
            }
            for (int i = 2; i < 100; i++) {
                if (!text.containsKey(key + "#" + i)) {
                    text.put(key + "#" + i, value);
                    break;
                }
            }
            return this;
        }

        /** How many more chars of text this file may add ({@link Limits#MAX_TOTAL_TEXT} in all). */
        long textRoom() {
            return Limits.MAX_TOTAL_TEXT - textChars;
        }

        /** Whether no more text fits; notes the problem (once) when so. */
        boolean textFull() {
            if (textRoom() > 0) {
                return false;
            }
            full();
            return true;
        }

        /** Notes that an entry did not fit in what was left (a chunk inflating past it): no more text is kept. */
        void textExhausted() {
            textChars = Limits.MAX_TOTAL_TEXT;
            full();
        }

        private void full() {
            if (!textFull) {
                textFull = true;
                problems.add("more than " + Limits.MAX_TOTAL_TEXT + " chars of text: the rest skipped");
            }
        }

        public Builder c2pa(C2paSummary s) { if (c2pa == null) c2pa = s; return this; }

        public Builder video(String key, Object value) { if (value != null) video.put(key, value); return this; }

        public Builder problem(String p) { problems.add(p); return this; }

        public boolean hasText() { return !text.isEmpty(); }

        public Integer width() { return width; }

        public Integer height() { return height; }

        public RawMetadata build() {
            return new RawMetadata(fileName, format, width, height, hasAlpha, text, c2pa, video, problems);
        }
    }
}
