package io.alicemultiverse.library;

import java.util.List;

/**
 * What {@code alice check} found: catalogued files that are missing or whose content changed, and library files
 * the catalog lacks (all library-relative paths); {@code linked}, for information, library files that are hard
 * links to a catalogued file (what {@code dedup --apply hardlink} leaves; not a problem); {@code repaired} when the
 * catalog was brought in line; {@code uncatalogued}, changed or unknown files the catalog cannot take, each with why
 * ("path: reason": not readable as an asset, or its content catalogued under another name), which a repair leaves;
 * {@code inFlight}, for information, files a live run (another machine's, on a shared catalog) is placing or
 * taking away right now (not a problem).
 */
public record CheckReport(List<String> missing, List<String> changed, List<String> unknown, List<String> linked,
                          boolean repaired, List<String> uncatalogued, List<String> inFlight) {
    public CheckReport {
        inFlight = List.copyOf(inFlight);
        uncatalogued = List.copyOf(uncatalogued);
        linked = List.copyOf(linked);
        missing = List.copyOf(missing);
        changed = List.copyOf(changed);
        unknown = List.copyOf(unknown);
    }

    /** Whether a repair brought the catalog fully in line with the disk (every file it found catalogued). */
    public boolean fullyRepaired() {
        return repaired && uncatalogued.isEmpty();
    }

    public boolean clean() {
        return missing.isEmpty() && changed.isEmpty() && unknown.isEmpty();
    }
}
