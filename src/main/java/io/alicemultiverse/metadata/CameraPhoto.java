package io.alicemultiverse.metadata;

import java.util.regex.Pattern;

/**
 * Recognises a camera photo by its EXIF: a maker and a model that read as a device's name (short plain text, not a
 * record a generator stored there) and at least one exposure fact (exposure time, f-number, ISO). A maker's name
 * says nothing by itself: {@code Make: Google} is a Pixel phone, not Google's image models. Only asked when no
 * generation record and no AI assertion was found. Stateless.
 */
final class CameraPhoto {
    private static final int MAX_NAME = 64;
    /** A device name: letters, digits and the punctuation of model names; no braces, colons or line breaks. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .,_()/+&'-]+");

    private CameraPhoto() {
    }

    static boolean is(RawMetadata raw) {
        return deviceName(raw.get("Exif.Make")) && deviceName(raw.get("Exif.Model"))
                && (raw.has("Exif.ExposureTime") || raw.has("Exif.FNumber") || raw.has("Exif.ISOSpeedRatings"));
    }

    private static boolean deviceName(String s) {
        return s != null && !s.isBlank() && s.length() <= MAX_NAME && NAME.matcher(s.strip()).matches();
    }
}
