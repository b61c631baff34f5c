package io.alicemultiverse.library;

/** What one organize run did. Immutable. */
public record OrganizeSummary(String run, int scanned, int organized, int duplicates, int unchanged, int errors,
                              double seconds, boolean dryRun) {
}
