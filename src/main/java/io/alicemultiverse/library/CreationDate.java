package io.alicemultiverse.library;

import io.alicemultiverse.metadata.Inspection;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * When a file was made: a date embedded with the generation (PNG {@code Creation Time}, {@code date:create},
 * XMP create dates, a video's {@code creation_time}), else EXIF {@code DateTimeOriginal}, else the file's
 * modification time. Dates with a zone are converted to {@code zone}. Stateless.
 */
final class CreationDate {
    private static final List<String> EMBEDDED = List.of("Creation Time", "creation_time", "date:create",
            "Xmp.xmp:CreateDate", "Xmp.photoshop:DateCreated", "Xmp.exif:DateTimeOriginal", "Video.creation_time");
    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private CreationDate() {
    }

    public static LocalDateTime of(Inspection i, long mtimeMillis, ZoneId zone) {
        Object videoTime = i.video().get("creation_time");
        if (videoTime != null) {
            LocalDateTime t = parse(videoTime.toString(), zone);
            if (t != null) {
                return t;
            }
        }
        for (String key : EMBEDDED) {
            String v = i.raw().get(key);
            LocalDateTime t = v == null ? null : parse(v, zone);
            if (t != null) {
                return t;
            }
        }
        String exif = i.raw().get("Exif.DateTimeOriginal");
        if (exif != null) {
            LocalDateTime t = parse(exif, zone);
            if (t != null) {
                return t;
            }
        }
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(mtimeMillis), zone);
    }

    /** Parses the common date spellings found in files; null when none fits or the year is implausible. */
    static LocalDateTime parse(String text, ZoneId zone) {
        String s = text.strip();
        LocalDateTime t = null;
        try {
            t = OffsetDateTime.parse(s).atZoneSameInstant(zone).toLocalDateTime();
        } catch (DateTimeParseException ignored) {
            // try the next spelling
        }
        if (t == null) {
            try {
                t = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(zone).toLocalDateTime();
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        if (t == null) {
            try {
                t = LocalDateTime.parse(s.length() >= 19 ? s.substring(0, 19) : s, EXIF);
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        if (t == null) {
            try {
                t = LocalDateTime.parse(s.replace(' ', 'T').replaceAll("Z$", ""));
            } catch (DateTimeParseException ignored) {
                // not a date we know
            }
        }
        if (t == null || t.get(ChronoField.YEAR) < 1990 || t.get(ChronoField.YEAR) > 2200) {
            return null;
        }
        return t;
    }
}
