package io.alicemultiverse.understand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a provider says about one image: a description, tags by category (see {@link #CATEGORIES}), optionally a
 * prompt that would recreate the image and a negative prompt, and measurements (the local analyzer's brightness,
 * sharpness, …; empty for remote providers). Immutable; {@code prompt} and {@code negative} may be null.
 */
record Understanding(String description, Map<String, List<String>> tags, String prompt, String negative,
                            Map<String, Double> measures) {
    /** The tag categories every provider is asked for, in order. */
    public static final List<String> CATEGORIES =
            List.of("subject", "style", "mood", "colour", "setting", "composition", "technical");

    public Understanding {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        tags.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        tags = java.util.Collections.unmodifiableMap(copy);
        measures = Map.copyOf(measures);
    }

    /** Every tag with its category, in category order. */
    public List<Map.Entry<String, String>> flatTags() {
        return tags.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(t -> Map.entry(t, e.getKey()))).toList();
    }
}
