package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.Facet;
import io.alicemultiverse.catalog.SearchIndexSources;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Lucene index of every asset's prompt, descriptions and tags (English analyzer: stop words, Porter stemming; BM25), kept at
 * {@code <library>/.alice/search/lexical}, or for a shared catalog in this user's cache folder ({@link IndexFolder}). It records the catalog change counter it reflects; {@link #sync} rebuilds
 * it from the catalog when the counters differ, {@link #update} re-indexes named assets after a change this
 * process made. Not thread-safe for writes; searches may run concurrently.
 */
final class LexicalIndex implements AutoCloseable {
    /**
     * Lucene's notices about the JVM it runs on, printed on stderr in every command that opens an index: on Java 21
     * and later "Using MemorySegmentIndexInput…" (INFO) and "You are running with Java 23 or later. To make full use
     * of the Vector API, please update Apache Lucene" (WARNING). They are advice for Lucene's integrators, not for
     * alice's users. Held so the levels stick (the JDK keeps loggers weakly).
     */
    private static final java.util.logging.Logger STORE_NOTICES = quiet("org.apache.lucene.store",
            java.util.logging.Level.WARNING);
    private static final java.util.logging.Logger VECTOR_NOTICES = quiet("org.apache.lucene.internal.vectorization",
            java.util.logging.Level.SEVERE);

    private static java.util.logging.Logger quiet(String name, java.util.logging.Level from) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(from);
        return log;
    }

    private static final String COUNTER = "catalog_changes";
    private static final String FORMAT = "format";
    /**
     * Bumped when the documents change shape; an index of another format is rebuilt. 2: hashes in doc values; 3: the
     * fields facets count.
     */
    private static final String CURRENT_FORMAT = "3";
    private static final String HASH_VALUES = "hash_values";
    /** Marks a document whose facet fields are not exact (a value too long for doc values, a tag holding the separator its list travels with). */
    private static final String FACETS_INEXACT = "facets_inexact";
    /** The longest value doc values hold, in UTF-8 bytes (Lucene's limit for a sorted value). */
    private static final int MAX_FACET_VALUE = 32_766;
    /**
     * Below one in this many documents, a facet count finds the given assets' documents by their hash terms; above,
     * it reads every document's hash (at 1,000,000 assets, cold: a 1 % tag's 10,000 matches 0.23–0.33 s read, 0.34–0.46 s
     * looked up by term).
     */
    private static final int LOOK_UP_SHARE = 256;
    private final Directory dir;
    private final Analyzer analyzer = new EnglishAnalyzer();
    /** The reader searches use, swapped whole on reopen; each search holds a reference while it runs. */
    private volatile Opened opened;
    private volatile long counter = -1;

    /** An open point-in-time view of the index. */
    private record Opened(DirectoryReader reader, IndexSearcher searcher) {
    }

    private LexicalIndex(Directory dir) {
        this.dir = dir;
    }

    static LexicalIndex open(Path library) {
        return at(library.resolve(".alice").resolve("search").resolve("lexical"));
    }

    /**
     * The index kept in {@code p}. Writers of other processes on this machine (a shared catalog has no owner, so
     * several processes may keep one cache folder) are waited for, up to 30 s, instead of failing on Lucene's lock.
     */
    static LexicalIndex at(Path p) {
        try {
            Files.createDirectories(p);
            LexicalIndex index = new LexicalIndex(new org.apache.lucene.store.SleepingLockWrapper(FSDirectory.open(p),
                    30_000));
            if (DirectoryReader.indexExists(index.dir)) {
                index.reopen();
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index: " + e.getMessage(), e);
        }
    }

    /**
     * Catches up with the catalog when it changed since the index was last brought up to date (another process
     * organized, tagged or described assets): re-indexes the assets the catalog's change log names, or rebuilds
     * everything when the log cannot tell or names too many.
     */
    void sync(Catalog catalog) {
        if (!catchUp(catalog)) {
            rebuild(catalog, catalog.changeCounter());
        }
    }

    /**
     * Brings the index up to date when that costs re-indexing the few assets the change log names; false, leaving
     * it as it is, when it would take a rebuild (no index yet, another format, a log that cannot tell or names too
     * many).
     */
    boolean catchUp(Catalog catalog) {
        long now = catalog.changeCounter();
        if (now == counter) {
            return true;
        }
        if (counter < 0) {
            return false;
        }
        java.util.Optional<java.util.Set<String>> changed = catalog.changedBetween(counter, now);
        if (changed.isEmpty() || changed.get().size() > 5_000) {
            return false;
        }
        reindex(catalog, changed.get(), now);
        return true;
    }

    /** Whether an index has been written in {@code p} (without creating the folder). */
    static boolean present(Path p) {
        try (java.util.stream.Stream<Path> names = Files.list(p)) {
            return names.anyMatch(n -> n.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Re-indexes {@code hashes} after a change that moved the catalog from counter {@code before} to a new value;
     * rebuilds everything when the index was not at {@code before}.
     */
    void update(Catalog catalog, long before, Collection<String> hashes) {
        long now = catalog.changeCounter();
        if (counter != before || hashes.size() > 5_000) {
            rebuild(catalog, now);
            return;
        }
        reindex(catalog, hashes, now);
    }

    /** Replaces the documents of {@code hashes} with what the catalog holds now, as of change counter {@code now}. */
    private void reindex(Catalog catalog, Collection<String> hashes, long now) {
        try (IndexWriter w = writer(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)) {
            for (String h : hashes) {
                w.deleteDocuments(new Term("hash", h));
            }
            addAll(w, catalog, hashes, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reopen();
    }

    /** How many whole rebuilds this process made (tests check that a change elsewhere is caught up, not rebuilt). */
    static final java.util.concurrent.atomic.AtomicInteger REBUILDS = new java.util.concurrent.atomic.AtomicInteger();

    void rebuild(Catalog catalog, long now) {
        REBUILDS.incrementAndGet();
        try (IndexWriter w = writer(IndexWriterConfig.OpenMode.CREATE)) {
            addAll(w, catalog, null, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reopen();
    }

    /** Adds the documents of {@code hashes} (null: every asset) and commits them as of change counter {@code now}. */
    private void addAll(IndexWriter w, Catalog catalog, Collection<String> hashes, long now) throws IOException {
        catalog.searchIndexSources().lexicalSources(hashes, src -> {
            try {
                w.addDocument(doc(src));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.setLiveCommitData(Map.of(COUNTER, Long.toString(now), FORMAT, CURRENT_FORMAT).entrySet());
        w.commit();
    }

    /** The best {@code k} assets for {@code text} by BM25, best first; empty when no word of it is indexable. */
    List<VectorIndex.Scored> search(String text, int k) {
        return search(text, List.of(), k);
    }

    /**
     * The best {@code k} assets for the words of {@code text} or any of {@code phrases} (their words next to each
     * other, one word between allowed), by BM25, best first; empty when nothing of either is indexable.
     */
    List<VectorIndex.Scored> search(String text, List<String> phrases, int k) {
        org.apache.lucene.search.Query q = query(text, phrases);
        return q == null ? List.of() : top(q, k);
    }

    /**
     * The BM25 scores, for the same words and phrases as {@link #search(String, List, int)}, of the assets among
     * {@code hashes} that match them (in no particular order): a ranking that stops at its best {@code k} leaves out
     * matches that the other ranking brought in, and their share of the lexical score would be missing.
     */
    List<VectorIndex.Scored> scoresOf(String text, List<String> phrases, java.util.Collection<String> hashes) {
        org.apache.lucene.search.Query q = query(text, phrases);
        if (q == null || hashes.isEmpty()) {
            return List.of();
        }
        List<org.apache.lucene.util.BytesRef> terms = hashes.stream().map(org.apache.lucene.util.BytesRef::new).toList();
        org.apache.lucene.search.Query only = new BooleanQuery.Builder()
                .add(q, BooleanClause.Occur.MUST)
                .add(new org.apache.lucene.search.TermInSetQuery("hash", terms), BooleanClause.Occur.FILTER)
                .build();
        return top(only, hashes.size());
    }

    /** The words of {@code text} and the {@code phrases} as one query; null when nothing of them is indexable. */
    private org.apache.lucene.search.Query query(String text, List<String> phrases) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        for (String t : terms(text)) {
            q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        for (String phrase : phrases) {
            String[] words = terms(phrase).toArray(String[]::new);
            if (words.length > 0) {
                q.add(words.length == 1 ? new TermQuery(new Term("text", words[0]))
                        : new PhraseQuery(1, "text", words), BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : q.build();
    }

    private List<VectorIndex.Scored> top(org.apache.lucene.search.Query q, int k) {
        Opened o = acquire();
        if (o == null) {
            return List.of();
        }
        try {
            TopDocs top = o.searcher().search(q, Math.max(1, k));
            return hashes(o.reader(), top.scoreDocs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(o);
        }
    }

    /** The current view with a reference held (a reopen meanwhile closes it only after {@link #release}). */
    private Opened acquire() {
        while (true) {
            Opened o = opened;
            if (o == null) {
                return null;
            }
            if (o.reader().tryIncRef()) {
                return o;
            }
            // closed by a reopen between reading the field and taking the reference: read the new one
        }
    }

    private static void release(Opened o) {
        try {
            o.reader().decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The content hashes of {@code hits}, in their order, read from doc values: stored fields would decompress a
     * block per hit (most of a query's time at a few thousand hits), doc values are read in place, in doc order.
     */
    private static List<VectorIndex.Scored> hashes(DirectoryReader reader, ScoreDoc[] hits) throws IOException {
        ScoreDoc[] byDoc = hits.clone();
        Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
        Map<Integer, String> hash = new HashMap<>(hits.length * 2);
        List<LeafReaderContext> leaves = reader.leaves();
        int leaf = -1;
        BinaryDocValues values = null;
        for (ScoreDoc d : byDoc) {
            int l = ReaderUtil.subIndex(d.doc, leaves);
            if (l != leaf) {
                leaf = l;
                values = leaves.get(l).reader().getBinaryDocValues(HASH_VALUES);
            }
            if (values != null && values.advanceExact(d.doc - leaves.get(l).docBase)) {
                hash.put(d.doc, values.binaryValue().utf8ToString());
            }
        }
        List<VectorIndex.Scored> out = new ArrayList<>(hits.length);
        for (ScoreDoc d : hits) {
            String h = hash.get(d.doc);
            if (h != null) {
                out.add(new VectorIndex.Scored(h, d.score));
            }
        }
        return out;
    }

    Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Document doc(SearchIndexSources.LexicalSource src) {
        String tags = src.tags().isEmpty() ? null : String.join(" . ", src.tags());
        Document d = new Document();
        d.add(new StringField("hash", src.contentHash(), Field.Store.NO));
        d.add(new BinaryDocValuesField(HASH_VALUES, new BytesRef(src.contentHash())));
        d.add(new TextField("text", AssetText.lexical(src.prompt(), src.descriptions(), tags), Field.Store.NO));
        boolean exact = src.tagsExact();
        for (Facet f : Facet.values()) {
            if (f == Facet.TAG) {
                for (String tag : new java.util.HashSet<>(src.tags())) {
                    BytesRef v = new BytesRef(tag);
                    exact &= v.length <= MAX_FACET_VALUE;
                    if (v.length <= MAX_FACET_VALUE) {
                        d.add(new SortedSetDocValuesField(facetField(f), v));
                    }
                }
                continue;
            }
            String value = facetValue(f, src);
            if (value != null) {
                BytesRef v = new BytesRef(value);
                exact &= v.length <= MAX_FACET_VALUE;
                if (v.length <= MAX_FACET_VALUE) {
                    d.add(new SortedDocValuesField(facetField(f), v));
                }
            }
        }
        if (!exact) {
            d.add(new StringField(FACETS_INEXACT, "1", Field.Store.NO));
        }
        return d;
    }

    private static String facetField(Facet f) {
        return "facet_" + f.key();
    }

    /** The value of a single-valued facet; null when the asset has none (counted as the facet's missing label). */
    private static String facetValue(Facet f, SearchIndexSources.LexicalSource src) {
        return switch (f.field()) {
            case SOURCE -> src.source();
            case PROJECT -> src.project();
            case MODEL -> src.model();
            case CREATED -> src.month();
            default -> throw new IllegalStateException("no single value for facet " + f);
        };
    }

    /**
     * Facet counts over {@code hashes} (null: every asset), in the shape of the catalog's ({@code
     * SearchReads#facets}), read from the documents' doc values: at 1,000,000 assets the catalog's statement reads
     * and pairs up every tag row (seconds); here each document's values are read in place. Empty when there is no
     * index or a document's facet fields are not exact; then the catalog counts them. The index should first be
     * brought up to date ({@link #catchUp}).
     */
    java.util.Optional<Map<String, Map<String, Long>>> facets(Collection<String> hashes) {
        Opened o = acquire();
        if (o == null) {
            return java.util.Optional.empty();
        }
        try {
            DirectoryReader reader = o.reader();
            if (o.searcher().count(new TermQuery(new Term(FACETS_INEXACT, "1"))) > 0) { // live documents only
                return java.util.Optional.empty();
            }
            Map<Facet, Map<String, Long>> counts = new java.util.EnumMap<>(Facet.class);
            for (Facet f : Facet.values()) {
                counts.put(f, new HashMap<>());
            }
            org.apache.lucene.util.FixedBitSet[] looked = hashes != null && hashes.size() < reader.maxDoc() / LOOK_UP_SHARE
                    ? lookUp(o.searcher(), reader, hashes) : null;
            HashMatches only = hashes == null || looked != null ? null : new HashMatches(hashes);
            List<LeafReaderContext> leaves = reader.leaves();
            for (int l = 0; l < leaves.size(); l++) {
                countLeaf(leaves.get(l).reader(), looked == null ? null : looked[l], only, counts);
            }
            Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
            counts.forEach((f, n) -> out.put(f.key(), f.ordered(n)));
            return java.util.Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(o);
        }
    }

    /** The documents of {@code hashes}, per leaf, found by their hash terms. */
    private static org.apache.lucene.util.FixedBitSet[] lookUp(IndexSearcher searcher, DirectoryReader reader,
                                                               Collection<String> hashes) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        org.apache.lucene.util.FixedBitSet[] bits = new org.apache.lucene.util.FixedBitSet[leaves.size()];
        for (int l = 0; l < bits.length; l++) {
            bits[l] = new org.apache.lucene.util.FixedBitSet(Math.max(1, leaves.get(l).reader().maxDoc()));
        }
        org.apache.lucene.search.Query q = new org.apache.lucene.search.TermInSetQuery("hash",
                hashes.stream().map(BytesRef::new).toList());
        searcher.search(q, new org.apache.lucene.search.SimpleCollector() {
            private org.apache.lucene.util.FixedBitSet leaf;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                leaf = bits[context.ord];
            }

            @Override
            public void collect(int doc) {
                leaf.set(doc);
            }

            @Override
            public org.apache.lucene.search.ScoreMode scoreMode() {
                return org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return bits;
    }

    /**
     * Adds one leaf's counts: of the documents set in {@code looked}, or else those whose hash is in {@code only}, or
     * else every live one.
     */
    private static void countLeaf(org.apache.lucene.index.LeafReader leaf, org.apache.lucene.util.FixedBitSet looked,
                                  HashMatches only, Map<Facet, Map<String, Long>> counts) throws IOException {
        Facet[] facets = Facet.values();
        org.apache.lucene.index.SortedDocValues[] single = new org.apache.lucene.index.SortedDocValues[facets.length];
        long[][] n = new long[facets.length][];
        long[] missing = new long[facets.length];
        org.apache.lucene.index.SortedSetDocValues tags = null;
        for (int i = 0; i < facets.length; i++) {
            if (facets[i] == Facet.TAG) {
                tags = leaf.getSortedSetDocValues(facetField(facets[i]));
                n[i] = new long[tags == null ? 0 : (int) tags.getValueCount()];
            } else {
                single[i] = leaf.getSortedDocValues(facetField(facets[i]));
                n[i] = new long[single[i] == null ? 0 : single[i].getValueCount()];
            }
        }
        org.apache.lucene.util.Bits live = leaf.getLiveDocs();
        BinaryDocValues hash = only == null ? null : leaf.getBinaryDocValues(HASH_VALUES);
        if (only != null && hash == null) {
            return;
        }
        int max = leaf.maxDoc();
        int doc = looked == null ? 0 : (max == 0 ? org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS : looked.nextSetBit(0));
        while (doc < max) {
            boolean counted = (live == null || live.get(doc))
                    && (only == null || hash.advanceExact(doc) && only.contains(hash.binaryValue()));
            if (counted) {
                for (int i = 0; i < facets.length; i++) {
                    if (facets[i] == Facet.TAG) {
                        if (tags != null && tags.advanceExact(doc)) {
                            for (int k = tags.docValueCount(); k > 0; k--) {
                                n[i][(int) tags.nextOrd()]++;
                            }
                        }
                    } else if (single[i] != null && single[i].advanceExact(doc)) {
                        n[i][single[i].ordValue()]++;
                    } else {
                        missing[i]++;
                    }
                }
            }
            doc = looked == null ? doc + 1
                    : doc + 1 >= max ? org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS : looked.nextSetBit(doc + 1);
        }
        for (int i = 0; i < facets.length; i++) {
            Map<String, Long> to = counts.get(facets[i]);
            for (int ord = 0; ord < n[i].length; ord++) {
                if (n[i][ord] > 0) {
                    BytesRef v = facets[i] == Facet.TAG ? tags.lookupOrd(ord) : single[i].lookupOrd(ord);
                    to.merge(v.utf8ToString(), n[i][ord], Long::sum);
                }
            }
            if (missing[i] > 0) {
                to.merge(facets[i].missing(), missing[i], Long::sum);
            }
        }
    }

    private IndexWriter writer(IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig c = new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(64);
        return new IndexWriter(dir, c);
    }

    private void reopen() {
        try {
            DirectoryReader reader = DirectoryReader.open(dir);
            Map<String, String> data = reader.getIndexCommit().getUserData();
            String c = data.get(COUNTER);
            Opened old = opened;
            opened = new Opened(reader, new IndexSearcher(reader));
            counter = c == null || !CURRENT_FORMAT.equals(data.get(FORMAT)) ? -1 : Long.parseLong(c);
            if (old != null) {
                old.reader().decRef(); // closes once the searches holding it are done
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog change counter the index reflects, or -1. */
    long counter() {
        return counter;
    }

    @Override
    public void close() {
        try {
            Opened o = opened;
            if (o != null) {
                o.reader().decRef();
            }
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
