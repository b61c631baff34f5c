package io.alicemultiverse.library;

/** What one organize run did ({@code sidecars}: XMP sidecars carried in with their files). Immutable. */
public record OrganizeSummary(String run, int scanned, int organized, int duplicates, int unchanged, int errors,
                              double seconds, boolean dryRun, int sidecars) {
}
