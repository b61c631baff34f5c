package io.alicemultiverse.similar;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the keeper of a duplicate group is chosen. {@link #BEST} applies the documented order — inside the library,
 * most pixels, richest generation metadata (prompt, model, seed present), oldest, then the smallest path so the
 * choice is stable; every other rule puts its own criterion first and then falls back to that order.
 */
public enum KeepRule {
    BEST, LARGEST, RICHEST, OLDEST, NEWEST;

    /** A named criterion: better assets sort first. */
    record Criterion(String reason, Comparator<DedupAsset> order) {
    }

    private static final Comparator<LocalDateTime> OLDEST_FIRST = Comparator.nullsLast(Comparator.naturalOrder());

    static final Criterion IN_LIBRARY = new Criterion("inside the library",
            Comparator.comparing((DedupAsset a) -> !a.inLibrary()));
    static final Criterion MOST_PIXELS = new Criterion("most pixels",
            Comparator.comparingLong(DedupAsset::pixels).reversed());
    static final Criterion RICHEST_METADATA = new Criterion("richest generation metadata",
            Comparator.comparingInt(DedupAsset::metadataFields).reversed());
    static final Criterion OLDEST_CREATED = new Criterion("oldest",
            Comparator.comparing(DedupAsset::createdAt, OLDEST_FIRST));
    static final Criterion NEWEST_CREATED = new Criterion("newest",
            Comparator.comparing(DedupAsset::createdAt, Comparator.nullsLast(Comparator.<LocalDateTime>reverseOrder())));
    static final Criterion PATH = new Criterion("first by path", Comparator.comparing(DedupAsset::path));

    /** The criteria in the order they are applied. */
    List<Criterion> criteria() {
        List<Criterion> base = List.of(IN_LIBRARY, MOST_PIXELS, RICHEST_METADATA, OLDEST_CREATED, PATH);
        Criterion first = switch (this) {
            case BEST -> null;
            case LARGEST -> MOST_PIXELS;
            case RICHEST -> RICHEST_METADATA;
            case OLDEST -> OLDEST_CREATED;
            case NEWEST -> NEWEST_CREATED;
        };
        if (first == null) {
            return base;
        }
        List<Criterion> out = new java.util.ArrayList<>();
        out.add(first);
        base.stream().filter(c -> c != first).forEach(out::add);
        return out;
    }

    /** Parses a rule name as typed ({@code best}, {@code largest}, …). */
    public static KeepRule parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown keep rule '" + text + "' (one of best, largest, richest, "
                    + "oldest, newest)");
        }
    }

    /** Orders {@code members} best first and names the criterion that decided between the first two. */
    Choice choose(List<DedupAsset> members) {
        List<Criterion> criteria = criteria();
        Comparator<DedupAsset> order = criteria.get(0).order();
        for (int i = 1; i < criteria.size(); i++) {
            order = order.thenComparing(criteria.get(i).order());
        }
        List<DedupAsset> sorted = members.stream().sorted(order).toList();
        String reason = PATH.reason();
        if (sorted.size() > 1) {
            for (Criterion c : criteria) {
                if (c.order().compare(sorted.get(0), sorted.get(1)) != 0) {
                    reason = c.reason();
                    break;
                }
            }
        }
        return new Choice(sorted, reason);
    }

    record Choice(List<DedupAsset> bestFirst, String reason) {
    }
}
