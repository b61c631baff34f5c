package io.alicemultiverse.video;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a video job stands: {@code pending → submitting → queued → running → downloading → succeeded}, or
 * {@code failed}, {@code cancelled}, {@code unknown}. {@code unknown} is a submit whose outcome is ambiguous (the
 * request may have reached the provider): it is never resubmitted except on the user's word.
 */
public enum JobState {
    PENDING, SUBMITTING, QUEUED, RUNNING, DOWNLOADING, SUCCEEDED, FAILED, CANCELLED, UNKNOWN;

    /** The lower-case id used in JSON, the catalog and the CLI. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a job state is one of " + Arrays.stream(values()).map(JobState::id)
                    .toList() + ", not '" + s + "'");
        }
    }

    /** States the scheduler still advances. */
    public boolean active() {
        return switch (this) {
            case PENDING, SUBMITTING, QUEUED, RUNNING, DOWNLOADING -> true;
            default -> false;
        };
    }

    /** States in which the provider holds a job that may be running (and billing). */
    public boolean remote() {
        return this == QUEUED || this == RUNNING;
    }

    public static List<String> activeIds() {
        return Arrays.stream(values()).filter(JobState::active).map(JobState::id).toList();
    }
}
