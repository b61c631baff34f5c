package io.alicemultiverse.catalog;

import java.time.LocalDateTime;

/**
 * One line of the spend ledger: a provider call (or the share of one that served several images). Immutable.
 * {@code contentHash} is null for a call whose images could not be told apart (a failed multi-image request).
 */
public record SpendEntry(LocalDateTime time, String provider, String model, long tokensIn, long tokensOut,
                         double costUsd, String contentHash, String run, String project) {
}
