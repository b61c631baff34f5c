package io.alicemultiverse.library;

import java.util.List;

/**
 * What {@code alice check} found: catalogued files that are missing or whose content changed, and library files
 * the catalog lacks (all library-relative paths); {@code repaired} when the catalog was brought in line.
 */
public record CheckReport(List<String> missing, List<String> changed, List<String> unknown, boolean repaired) {
    public CheckReport {
        missing = List.copyOf(missing);
        changed = List.copyOf(changed);
        unknown = List.copyOf(unknown);
    }

    public boolean clean() {
        return missing.isEmpty() && changed.isEmpty() && unknown.isEmpty();
    }
}
