package io.alicemultiverse.app;

import io.alicemultiverse.understand.UnderstandPlan;
import io.alicemultiverse.understand.UnderstandSummary;

/**
 * How a {@link LibraryService#understand} call ended. Immutable; {@code summary} is null unless the run happened.
 *
 * @param confirmAboveUsd the configured amount above which a paid run needs confirming
 */
public record UnderstandOutcome(Status status, UnderstandPlan plan, UnderstandSummary summary,
                                double confirmAboveUsd) {
    public enum Status {
        /** A dry run: the plan and estimate only. */
        PLANNED,
        /** Not run: the estimate is above {@code confirmAboveUsd} and the request was not confirmed. */
        NEEDS_CONFIRMATION,
        /** Run; see the summary. */
        RAN
    }
}
