package io.alicemultiverse.app;

import io.alicemultiverse.understand.UnderstandPlan;
import io.alicemultiverse.understand.UnderstandSummary;

/**
 * How a {@link LibraryService#understand} call ended. Immutable; {@code summary} is null unless the run happened.
 *
 * @param confirmAboveUsd the configured amount above which a paid run needs confirming
 * @param unreadable      named files left out because they are not images alice can read (each told to the
 *                        listener as a failure; counted as failed in the summary of a run)
 */
public record UnderstandOutcome(Status status, UnderstandPlan plan, UnderstandSummary summary,
                                double confirmAboveUsd, int unreadable) {
    public enum Status {
        /** A dry run: the plan and estimate only. */
        PLANNED,
        /** Not run: the estimate is above {@code confirmAboveUsd} and the request was not confirmed. */
        NEEDS_CONFIRMATION,
        /** Run; see the summary. */
        RAN
    }
}
