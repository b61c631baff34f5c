package io.alicemultiverse.timeline;

import java.util.Locale;

/** How a timeline's clips are ordered: by creation date, as a search ranked them, or as the user listed them. */
public enum TimelineOrder {
    CREATED, SEARCH, MANUAL;

    /** The order named {@code name} (case-insensitive). */
    public static TimelineOrder of(String name) {
        try {
            return valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--order must be created, search or manual, not '" + name + "'");
        }
    }
}
