package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.FilterRule;
import io.alicemultiverse.catalog.SearchIndexSources;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every asset's displayed fields, tags and search text in memory, as of one catalog change counter, with postings
 * (sorted row positions) per tag, source, model, project, media type and month: a warm engine (a server, a
 * benchmark) decides filters, pages and counts facets here instead of in the catalog. A DuckDB query costs
 * milliseconds; intersecting postings as bit sets costs microseconds, and a scan over row objects is bound by
 * memory latency (tens of milliseconds for 50,000 rows on a busy machine). Rows are numbered newest first, so a
 * time range is one contiguous run of positions. The filter rules are the catalog's {@link FilterRule}s: which
 * postings a rule reads follows from its field, how they combine from its match, so the warm and the cold path cannot
 * read a rule differently ({@code FilterRulesAgreeTest} checks every rule on both). Immutable; thread-safe.
 */
final class RowCache {
    /** One asset: its hit (score null), media type, lower-case search text and that text's words. */
    record Row(SearchHit hit, String mediaType, String text, String words) {
    }

    private static final Comparator<Row> NEWEST = Comparator.comparing((Row r) -> r.hit().createdAt(),
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(r -> r.hit().path(),
            Comparator.nullsLast(Comparator.naturalOrder()));
    private static final Comparator<Row> OLDEST = Comparator.comparing((Row r) -> r.hit().createdAt(),
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(r -> r.hit().path(),
            Comparator.nullsLast(Comparator.naturalOrder()));

    final long counter;
    /** Rows newest first; a row's position here is its number in every posting list. */
    private final Row[] rows;
    /** Positions in oldest-first order (not the reverse of {@link #rows}: undated rows come last in both). */
    private final int[] oldestFirst;
    /** Creation times by position, epoch microseconds (the catalog's precision), {@link Long#MIN_VALUE} when undated (all at the end). */
    private final long[] created;
    private final int dated;
    private final Map<String, Integer> position = new HashMap<>();
    /** Postings by value of every field that has them ({@link #postings(FilterRule.Field)}); missing values under {@link #NONE}. */
    private final Map<FilterRule.Field, Map<String, int[]>> byField = new EnumMap<>(FilterRule.Field.class);
    private final Map<String, int[]> byMonth;

    private RowCache(long counter, List<Row> all) {
        this.counter = counter;
        this.rows = all.toArray(Row[]::new);
        Arrays.sort(rows, NEWEST);
        this.created = new long[rows.length];
        int d = 0;
        for (int i = 0; i < rows.length; i++) {
            position.put(rows[i].hit().contentHash(), i);
            LocalDateTime t = rows[i].hit().createdAt();
            created[i] = t == null ? Long.MIN_VALUE : micros(t);
            d += t == null ? 0 : 1;
        }
        this.dated = d;
        Integer[] order = new Integer[rows.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> OLDEST.compare(rows[x], rows[y]));
        this.oldestFirst = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        for (FilterRule.Field field : FilterRule.Field.values()) {
            Function<Row, List<String>> values = keys(field);
            if (values != null) {
                byField.put(field, postings(values));
            }
        }
        this.byMonth = postings(r -> List.of(month(r.hit().createdAt())));
    }

    /**
     * The values of {@code field} a row is listed under in the postings, or null for a field without postings: the
     * creation time is the rows' order (a range is a run of positions), and the text is scanned, row by row, among the
     * rows the other rules left.
     */
    private static Function<Row, List<String>> keys(FilterRule.Field field) {
        return switch (field) {
            case TAG -> r -> r.hit().tags();
            case SOURCE -> r -> List.of(orNone(r.hit().source()));
            case MODEL -> r -> List.of(orNone(r.hit().model()));
            case PROJECT -> r -> List.of(orNone(r.hit().project()));
            case MEDIA_TYPE -> r -> List.of(orNone(r.mediaType()));
            case CREATED, TEXT, WORDS -> null;
        };
    }

    /** Whether a rule over {@code field} is tested row by row (then it runs last, over the rows the others left). */
    private static boolean scans(FilterRule.Field field) {
        return switch (field) {
            case TEXT, WORDS -> true;
            case TAG, SOURCE, MODEL, PROJECT, MEDIA_TYPE, CREATED -> false;
        };
    }

    /** The value of a scanned field (one without postings) in a row. */
    private static String scanned(Row r, FilterRule.Field field) {
        return switch (field) {
            case TEXT -> r.text();
            case WORDS -> r.words();
            case TAG, SOURCE, MODEL, PROJECT, MEDIA_TYPE, CREATED ->
                    throw new IllegalArgumentException(field + " has postings, it is not scanned");
        };
    }

    private Map<String, int[]> postings(FilterRule.Field field) {
        return byField.get(field);
    }

    private Map<String, int[]> postings(Function<Row, List<String>> values) {
        Map<String, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            for (String v : values.apply(rows[i])) {
                lists.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /**
     * The positions of the rows passing every rule of {@code f}, as the catalog's filter SQL decides them. Rules with
     * postings or a time range first (bit set operations), then the scanned text rules over what is left.
     */
    BitSet filter(AssetFilter f) {
        BitSet bits = new BitSet(rows.length);
        bits.set(0, rows.length);
        List<List<FilterRule.Clause>> scans = new ArrayList<>();
        for (List<FilterRule.Clause> group : FilterRule.clauses(f)) {
            if (group.stream().anyMatch(c -> scans(c.rule().field()))) {
                scans.add(group);
            } else {
                bits.and(select(group, bits));
            }
        }
        for (List<FilterRule.Clause> group : scans) {
            if (bits.isEmpty()) {
                break;
            }
            bits.and(select(group, bits));
        }
        return bits;
    }

    /** The rows passing one of a group's clauses: every such row among {@code candidates}, perhaps some others. */
    private BitSet select(List<FilterRule.Clause> group, BitSet candidates) {
        if (group.size() == 1) {
            return select(group.get(0), candidates);
        }
        BitSet any = new BitSet(rows.length);
        group.forEach(c -> any.or(select(c, candidates)));
        return any;
    }

    private BitSet select(FilterRule.Clause c, BitSet candidates) {
        FilterRule.Field field = c.rule().field();
        return switch (field) {
            case TAG, SOURCE, MODEL, PROJECT, MEDIA_TYPE -> byPostings(c, postings(field));
            case CREATED -> timeRange(c.rule(), (LocalDateTime) c.values().get(0));
            case TEXT, WORDS -> byScan(c, candidates);
        };
    }

    /**
     * A rule over a field with postings: per value, the postings of the keys that pass it (one look-up when the
     * match is equality, else a pass over the field's distinct values, not its rows), combined as the match says.
     */
    private BitSet byPostings(FilterRule.Clause c, Map<String, int[]> postings) {
        FilterRule.Match match = c.rule().match();
        BitSet out = null;
        for (Object v : c.values()) {
            BitSet one;
            if (match.equalityFor(v)) { // a keyword path's descendants: a pass over the distinct tags
                one = union(java.util.Collections.singletonList(postings.get(v)));
            } else {
                List<int[]> passing = new ArrayList<>();
                postings.forEach((key, p) -> {
                    if (!key.equals(NONE) && match.test(key, v)) {
                        passing.add(p);
                    }
                });
                one = union(passing);
            }
            switch (match.quantifier()) {
                case ANY -> {
                    if (out == null) {
                        out = one;
                    } else {
                        out.or(one);
                    }
                }
                case EACH -> {
                    if (out == null) {
                        out = one;
                    } else {
                        out.and(one);
                    }
                }
                case NONE -> { // the rows holding one of the values, taken from every row below
                    if (out == null) {
                        out = one;
                    } else {
                        out.or(one);
                    }
                }
            }
        }
        if (match.quantifier() == FilterRule.Match.Quantifier.NONE) {
            // a row without the field (under NONE in the postings) holds none of the values, so it stays
            BitSet kept = new BitSet(rows.length);
            kept.set(0, rows.length);
            if (out != null) {
                kept.andNot(out);
            }
            return kept;
        }
        return out == null ? new BitSet(rows.length) : out;
    }

    /** A bound on the creation time: newest first, the rows it keeps are one run of the dated positions. */
    private BitSet timeRange(FilterRule rule, LocalDateTime t) {
        int from = 0;
        int to = dated;
        switch (rule.match()) {
            case AT_LEAST -> to = firstAtOrBelow(micros(t) - 1);
            case BELOW -> from = firstAtOrBelow(micros(t) - 1); // skip the rows at or after the bound
            default -> throw new IllegalStateException(rule + ": a creation time takes a bound, not " + rule.match());
        }
        BitSet b = new BitSet(rows.length);
        if (from < to) {
            b.set(from, to);
        }
        return b;
    }

    /** A rule over the text, tested on each candidate row. */
    private BitSet byScan(FilterRule.Clause c, BitSet candidates) {
        BitSet b = new BitSet(rows.length);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (c.rule().match().passes(scanned(rows[i], c.rule().field()), c.values())) {
                b.set(i);
            }
        }
        return b;
    }

    /** The first position whose creation time is at or below {@code micros} (dated rows only). */
    private int firstAtOrBelow(long micros) {
        int lo = 0;
        int hi = dated;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (created[mid] > micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private BitSet union(List<int[]> lists) {
        BitSet b = new BitSet(rows.length);
        for (int[] p : lists) {
            if (p != null) {
                for (int i : p) {
                    b.set(i);
                }
            }
        }
        return b;
    }

    /** Every row in {@code bits}, newest first (oldest first for that sort). */
    List<Row> rows(BitSet bits, SearchQuery.Sort sort) {
        List<Row> out = new ArrayList<>(bits.cardinality());
        if (sort == SearchQuery.Sort.OLDEST) {
            for (int p : oldestFirst) {
                if (bits.get(p)) {
                    out.add(rows[p]);
                }
            }
        } else {
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                out.add(rows[i]);
            }
        }
        return out;
    }

    /** How many assets there are. */
    int size() {
        return rows.length;
    }

    /** The position of an asset, or -1 when it is not in the catalog. */
    int position(String hash) {
        Integer p = position.get(hash);
        return p == null ? -1 : p;
    }

    Row row(int position) {
        return rows[position];
    }

    /** Facet counts over the rows in {@code bits}, in the shape and order of the catalog's (count descending, key). */
    Map<String, Map<String, Long>> facets(BitSet bits) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (io.alicemultiverse.catalog.Facet f : io.alicemultiverse.catalog.Facet.values()) {
            // creation times are counted by month; every other field by its postings
            Map<String, int[]> p = f.field() == FilterRule.Field.CREATED ? byMonth : postings(f.field());
            out.put(f.key(), f.ordered(counts(p, bits, f.missing())));
        }
        return out;
    }

    private static Map<String, Long> counts(Map<String, int[]> postings, BitSet bits, String blank) {
        Map<String, Long> n = new HashMap<>();
        postings.forEach((value, p) -> {
            long c = 0;
            for (int i : p) {
                if (bits.get(i)) {
                    c++;
                }
            }
            if (c > 0) {
                n.merge(value.equals(NONE) ? blank : value, c, Long::sum);
            }
        });
        return n;
    }

    /** The key of a missing value in the postings: no real value is a NUL character. */
    private static final String NONE = "\u0000";

    private static String orNone(String v) {
        return v == null ? NONE : v;
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    private static String month(LocalDateTime t) {
        return t == null ? NONE : String.format(Locale.ROOT, "%04d-%02d", t.getYear(), t.getMonthValue());
    }

    /** How many whole loads this process made (tests check that a change elsewhere is caught up, not reloaded). */
    static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

    static RowCache load(Catalog catalog) {
        LOADS.incrementAndGet();
        long counter = catalog.changeCounter();
        List<Row> rows = new ArrayList<>();
        catalog.searchIndexSources().rows(null, r -> rows.add(row(r)));
        return new RowCache(counter, rows);
    }

    /**
     * This cache with the rows of {@code hashes} read again from the catalog (dropped where the asset is gone), as
     * of the catalog's counter now: after a change to a few assets, without reading every row.
     */
    RowCache updated(Catalog catalog, java.util.Collection<String> hashes) {
        return updated(catalog, hashes, catalog.changeCounter());
    }

    /** As {@link #updated(Catalog, java.util.Collection)}, as of change counter {@code now} (read before {@code hashes}). */
    RowCache updated(Catalog catalog, java.util.Collection<String> hashes, long now) {
        java.util.Set<String> changed = new java.util.HashSet<>(hashes);
        List<Row> all = new ArrayList<>(rows.length + changed.size());
        for (Row r : rows) {
            if (!changed.contains(r.hit().contentHash())) {
                all.add(r);
            }
        }
        if (!changed.isEmpty()) {
            catalog.searchIndexSources().rows(changed, r -> all.add(row(r)));
        }
        return new RowCache(now, all);
    }

    private static Row row(SearchIndexSources.IndexedRow r) {
        SearchHit hit = CatalogRows.hit(r.row(), null);
        String text = AssetText.lower(hit.prompt(), hit.tags(), r.descriptions());
        return new Row(hit, r.mediaType(), text, AssetText.words(text));
    }
}
