package io.alicemultiverse.similar;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the keeper of a duplicate group is chosen. Under every rule an intact file comes before a damaged one (a
 * container that stops short of its end: a truncated download), so a damaged copy is never kept while an intact one
 * would be let go, and then a picture in colour before a greyscale one (a desaturated copy has the original's
 * greyscale hashes, but it is not the original). {@link #BEST} then applies the documented order — inside the library, most pixels, richest
 * generation metadata (prompt, model, seed present), a lossless format (PNG, TIFF, BMP) before a lossy one, oldest,
 * then the smallest path so the choice is stable; every other rule puts its own criterion next and then falls back
 * to that order.
 */
public enum KeepRule {
    BEST, LARGEST, RICHEST, OLDEST, NEWEST;

    /** A named criterion: better assets sort first. */
    record Criterion(String reason, Comparator<DedupAsset> order) {
    }

    /** Formats whose pixels are stored as they are (GIF is left out: its palette is a lossy step for pictures). */
    private static final java.util.Set<String> LOSSLESS_FORMATS = java.util.Set.of("png", "tiff", "bmp");

    private static final Comparator<LocalDateTime> OLDEST_FIRST = Comparator.nullsLast(Comparator.naturalOrder());

    static final Criterion IN_LIBRARY = new Criterion("inside the library",
            Comparator.comparing((DedupAsset a) -> !a.inLibrary()));
    static final Criterion MOST_PIXELS = new Criterion("most pixels",
            Comparator.comparingLong(DedupAsset::pixels).reversed());
    static final Criterion RICHEST_METADATA = new Criterion("richest generation metadata",
            Comparator.comparingInt(DedupAsset::metadataFields).reversed());
    static final Criterion LOSSLESS = new Criterion("lossless format",
            Comparator.comparing((DedupAsset a) -> !LOSSLESS_FORMATS.contains(a.format())));
    static final Criterion OLDEST_CREATED = new Criterion("oldest",
            Comparator.comparing(DedupAsset::createdAt, OLDEST_FIRST));
    static final Criterion NEWEST_CREATED = new Criterion("newest",
            Comparator.comparing(DedupAsset::createdAt, Comparator.nullsLast(Comparator.<LocalDateTime>reverseOrder())));
    static final Criterion PATH = new Criterion("first by path", Comparator.comparing(DedupAsset::path));

    /** The criteria in the order they are applied, after {@link #intact}. */
    List<Criterion> criteria() {
        List<Criterion> base = List.of(IN_LIBRARY, MOST_PIXELS, RICHEST_METADATA, LOSSLESS, OLDEST_CREATED, PATH);
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

    /** The first criterion of every rule: intact files before {@code damaged} ones. */
    static Criterion intact(java.util.function.Predicate<DedupAsset> damaged) {
        return new Criterion("intact file", Comparator.comparing(damaged::test));
    }

    /** {@link #choose(List, java.util.function.Predicate)} when no member is known to be damaged. */
    Choice choose(List<DedupAsset> members) {
        return choose(members, a -> false);
    }

    /** {@link #choose(List, java.util.function.Predicate, java.util.function.Predicate)}, none greyscale. */
    Choice choose(List<DedupAsset> members, java.util.function.Predicate<DedupAsset> damaged) {
        return choose(members, damaged, a -> false);
    }

    /** The criterion after {@link #intact}: pictures in colour before {@code greyscale} ones. */
    static Criterion inColour(java.util.function.Predicate<DedupAsset> greyscale) {
        return new Criterion("in colour", Comparator.comparing(greyscale::test));
    }

    /**
     * Orders {@code members} best first and names the criterion that decided between the first two.
     *
     * @param damaged   whether a member's file is damaged; asked once per member
     * @param greyscale whether a member is a greyscale picture; asked once per member
     */
    Choice choose(List<DedupAsset> members, java.util.function.Predicate<DedupAsset> damaged,
                  java.util.function.Predicate<DedupAsset> greyscale) {
        java.util.Set<DedupAsset> broken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        members.stream().filter(damaged).forEach(broken::add);
        java.util.Set<DedupAsset> grey = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        members.stream().filter(greyscale).forEach(grey::add);
        List<Criterion> criteria = new java.util.ArrayList<>();
        criteria.add(intact(broken::contains));
        criteria.add(inColour(grey::contains));
        criteria.addAll(criteria());
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
