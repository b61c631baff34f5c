package io.alicemultiverse.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads a {@code Retry-After} header: delta-seconds or an HTTP date. Stateless. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The delay the header asks for, measured from {@code now} for a date; null when absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            return seconds < 0 ? Duration.ZERO : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now,
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
