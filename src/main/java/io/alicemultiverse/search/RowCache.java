package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SearchIndexSources;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
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
 * time range is one contiguous run of positions. The rules are those of the catalog's {@link io.alicemultiverse.catalog.AssetFilter}; {@code WarmEngineTest}
 * holds the two sides to the same answers. Immutable; thread-safe.
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
    private final Map<String, int[]> byTag;
    private final Map<String, int[]> bySource;
    private final Map<String, int[]> byModel;
    private final Map<String, int[]> byProject;
    private final Map<String, int[]> byMediaType;
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
        this.byTag = postings(r -> r.hit().tags());
        this.bySource = postings(r -> List.of(orNone(r.hit().source())));
        this.byModel = postings(r -> List.of(orNone(r.hit().model())));
        this.byProject = postings(r -> List.of(orNone(r.hit().project())));
        this.byMediaType = postings(r -> List.of(orNone(r.mediaType())));
        this.byMonth = postings(r -> List.of(month(r.hit().createdAt())));
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

    /** The positions of the rows passing every filter of {@code q}: the same rules as the catalog's filter SQL. */
    BitSet filter(SearchQuery q) {
        BitSet bits = new BitSet(rows.length);
        int from = 0;
        int to = rows.length;
        if (q.since() != null || q.until() != null) {
            to = dated;
            if (q.until() != null) { // newest first: skip the rows at or after until
                from = firstAtOrBelow(micros(q.until()) - 1);
            }
            if (q.since() != null) {
                to = firstAtOrBelow(micros(q.since()) - 1);
            }
        }
        if (from >= to) {
            return bits;
        }
        bits.set(from, to);
        if (!q.tags().isEmpty()) {
            if (q.anyTag()) {
                bits.and(union(q.tags().stream().map(byTag::get).toList()));
            } else {
                for (String t : q.tags()) {
                    bits.and(union(java.util.Collections.singletonList(byTag.get(t))));
                }
            }
        }
        if (!q.sources().isEmpty() || !q.models().isEmpty()) {
            List<int[]> any = new ArrayList<>();
            q.sources().forEach(s -> any.add(bySource.get(s)));
            byModel.forEach((model, p) -> {
                String m = model.toLowerCase(Locale.ROOT);
                if (!model.equals(NONE) && q.models().stream().anyMatch(m::contains)) {
                    any.add(p);
                }
            });
            bits.and(union(any));
        }
        if (!q.projects().isEmpty()) {
            bits.and(union(q.projects().stream().map(byProject::get).toList()));
        }
        if (q.mediaType() != null) {
            bits.and(union(java.util.Collections.singletonList(byMediaType.get(q.mediaType()))));
        }
        if (!q.phrases().isEmpty() || !q.excluded().isEmpty()) {
            List<String> excluded = q.excluded().stream().map(AssetText::words).toList();
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                if (!textPasses(rows[i], q.phrases(), excluded)) {
                    bits.clear(i);
                }
            }
        }
        return bits;
    }

    private static boolean textPasses(Row r, List<String> phrases, List<String> excludedWords) {
        for (String p : phrases) {
            if (!r.text().contains(p)) {
                return false;
            }
        }
        for (String w : excludedWords) {
            if (r.words().contains(w)) {
                return false;
            }
        }
        return true;
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
        out.put("source", counts(bySource, bits, "unknown", Integer.MAX_VALUE));
        out.put("project", counts(byProject, bits, "uncategorized", Integer.MAX_VALUE));
        out.put("model", counts(byModel, bits, "unknown", Integer.MAX_VALUE));
        out.put("month", counts(byMonth, bits, "unknown", Integer.MAX_VALUE));
        out.put("tag", counts(byTag, bits, null, 50));
        return out;
    }

    private static Map<String, Long> counts(Map<String, int[]> postings, BitSet bits, String blank, int limit) {
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
        Map<String, Long> out = new LinkedHashMap<>();
        n.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
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
