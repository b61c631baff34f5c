package io.alicemultiverse.catalog;

/**
 * The facets a search counts, each defined once: its name in the output, the asset field it counts (by
 * {@link FilterRule.Field}, as filters name them; {@link FilterRule.Field#CREATED} is counted by month,
 * {@code yyyy-MM}), what a missing value is shown as, and how many values it lists (largest count first, then by
 * value; models grouped by their bare name, {@link ModelName}). The catalog's SQL ({@link SearchReads}) and the rows a warm engine keeps in memory ({@code search.RowCache})
 * both count from this list, so they cannot name, label or cut a facet differently.
 */
public enum Facet {
    SOURCE("source", FilterRule.Field.SOURCE, "unknown", Integer.MAX_VALUE),
    PROJECT("project", FilterRule.Field.PROJECT, "uncategorized", Integer.MAX_VALUE),
    MODEL("model", FilterRule.Field.MODEL, "unknown", Integer.MAX_VALUE),
    MONTH("month", FilterRule.Field.CREATED, "unknown", Integer.MAX_VALUE),
    /** The 50 most common tags of the matches, every origin; an asset without tags adds nothing. */
    TAG("tag", FilterRule.Field.TAG, null, 50);

    private final String key;
    private final FilterRule.Field field;
    private final String missing;
    private final int limit;

    Facet(String key, FilterRule.Field field, String missing, int limit) {
        this.key = key;
        this.field = field;
        this.missing = missing;
        this.limit = limit;
    }

    /** Its name in a search result's facets. */
    public String key() {
        return key;
    }

    public FilterRule.Field field() {
        return field;
    }

    /** What an asset without this field is counted as; null when such an asset is not counted (tags). */
    public String missing() {
        return missing;
    }

    /** How many values are listed at most. */
    public int limit() {
        return limit;
    }

    /**
     * {@code counts} with the values this facet lists as one added up: a model with and without its checkpoint file's
     * extension and folders ({@link ModelName#bare}), in any case ({@code Juggernaut_XL} and {@code juggernaut_xl}),
     * under the bare name as most of its assets spell it (ties: the first by code point). The catalog and the indexes
     * keep each file's own value; grouping here, where every way of counting ends, keeps them all in step.
     */
    private java.util.Map<String, Long> grouped(java.util.Map<String, Long> counts) {
        if (this != MODEL) {
            return counts;
        }
        java.util.Map<String, java.util.Map<String, Long>> spellings = new java.util.HashMap<>();
        counts.forEach((value, n) -> {
            boolean none = value.equals(missing); // kept apart from a model a file names "Unknown"
            String name = none ? value : ModelName.bare(value);
            spellings.computeIfAbsent(none ? "" : ModelName.key(name), k -> new java.util.HashMap<>())
                    .merge(name, n, Long::sum);
        });
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        spellings.values().forEach(names -> out.put(
                java.util.Collections.min(names.entrySet(), java.util.Map.Entry.<String, Long>comparingByValue()
                        .reversed().thenComparing(java.util.Map.Entry.comparingByKey())).getKey(),
                names.values().stream().mapToLong(Long::longValue).sum()));
        return out;
    }

    /**
     * {@code counts} as this facet lists them: largest count first, then by value, at most {@link #limit} values.
     * Every way of counting facets (SQL, the warm rows, the lexical index) ends here.
     */
    public java.util.Map<String, Long> ordered(java.util.Map<String, Long> counts) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        grouped(counts).entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(limit).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
