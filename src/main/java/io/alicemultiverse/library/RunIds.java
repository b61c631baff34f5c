package io.alicemultiverse.library;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run identifiers: sortable local time plus a short random suffix, e.g. {@code 20261125-101500-3f9a0c1d}. */
public final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunIds() {
    }

    public static String next(Clock clock) {
        // 32 random bits: on a shared catalog runs start on many machines in the same second
        return LocalDateTime.now(clock).format(FORMAT) + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt());
    }
}
